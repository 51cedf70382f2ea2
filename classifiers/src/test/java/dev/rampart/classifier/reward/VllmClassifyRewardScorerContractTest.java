package dev.rampart.classifier.reward;

import static dev.rampart.classifier.reward.RewardFixtures.fixture;

import java.net.URI;
import java.util.List;

/** The reward scorer contract for vLLM's {@code /classify} (one raw reward logit). */
class VllmClassifyRewardScorerContractTest extends RemoteRewardScorerContract {
    @Override
    protected String path() {
        return "/classify";
    }

    @Override
    protected RewardScorer create(URI url) {
        return new RemoteRewardScorer(RewardConfig.builder(RewardConfig.Type.VLLM_CLASSIFY, url).name("skywork")
                .model("Skywork/Skywork-Reward-V2-Llama-3.1-8B").build());
    }

    @Override
    protected List<String> attributes() {
        return List.of("reward");
    }

    @Override
    protected String goodReply() {
        return fixture("vllm-classify-logits.json");
    }

    @Override
    protected String poorReply() {
        return fixture("vllm-classify-scalar.json");
    }
}
