package dev.rampart.classifier.reward;

import static dev.rampart.classifier.reward.RewardFixtures.fixture;

import java.net.URI;
import java.util.List;

/** The reward scorer contract for NVIDIA's reward API (Nemotron-4-340B-Reward's five attributes). */
class NvidiaRewardScorerContractTest extends RemoteRewardScorerContract {
    @Override
    protected String path() {
        return "/v1/chat/completions";
    }

    @Override
    protected RewardScorer create(URI url) {
        return new RemoteRewardScorer(RewardConfig.builder(RewardConfig.Type.NVIDIA, url).name("helpsteer")
                .model("nvidia/nemotron-4-340b-reward").build());
    }

    @Override
    protected List<String> attributes() {
        return RewardConfig.HELPSTEER2_ATTRIBUTES;
    }

    @Override
    protected String goodReply() {
        return fixture("nvidia-nemotron-4-340b-reward.json");
    }

    @Override
    protected String poorReply() {
        return fixture("nvidia-nemotron-4-340b-reward-poor.json");
    }
}
