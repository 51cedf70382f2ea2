package dev.rampart.classifier.reward;

import static dev.rampart.classifier.reward.RewardFixtures.fixture;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The reward scorer contract for a generic JSON endpoint with a field mapping. */
class JsonRewardScorerContractTest extends RemoteRewardScorerContract {
    @Override
    protected String path() {
        return "/custom";
    }

    @Override
    protected RewardScorer create(URI url) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("helpfulness", "/scores/helpfulness");
        fields.put("verbosity", "/scores/verbosity");
        return new RemoteRewardScorer(RewardConfig.builder(RewardConfig.Type.JSON, url).name("custom")
                .requestTemplate("{\"question\": \"{prompt}\", \"answer\": \"{response}\"}").fields(fields).build());
    }

    @Override
    protected List<String> attributes() {
        return List.of("helpfulness", "verbosity");
    }

    @Override
    protected String goodReply() {
        return fixture("json-custom.json");
    }

    @Override
    protected String poorReply() {
        return fixture("json-custom-poor.json");
    }
}
