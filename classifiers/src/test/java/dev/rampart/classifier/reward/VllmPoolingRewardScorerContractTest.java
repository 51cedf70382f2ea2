package dev.rampart.classifier.reward;

import static dev.rampart.classifier.reward.RewardFixtures.fixture;

import java.net.URI;
import java.util.List;

/** The reward scorer contract for vLLM's {@code /pooling} (one raw reward logit). */
class VllmPoolingRewardScorerContractTest extends RemoteRewardScorerContract {
    @Override
    protected String path() {
        return "/pooling";
    }

    @Override
    protected RewardScorer create(URI url) {
        return new RemoteRewardScorer(RewardConfig.builder(RewardConfig.Type.VLLM_POOLING, url).name("skywork").build());
    }

    @Override
    protected List<String> attributes() {
        return List.of("reward");
    }

    @Override
    protected String goodReply() {
        return fixture("vllm-pooling-scalar-good.json");
    }

    @Override
    protected String poorReply() {
        return fixture("vllm-pooling-scalar.json");
    }
}
