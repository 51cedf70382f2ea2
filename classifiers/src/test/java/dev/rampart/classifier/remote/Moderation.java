package dev.rampart.classifier.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.policy.OpenAiModerationCategories;
import java.util.List;
import java.util.Map;

/** OpenAI moderation answers for WireMock: every category name present, as OpenAI sends them. */
final class Moderation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Moderation() {
    }

    /** One result per map: every category at 0.001 unless the map says otherwise. */
    @SafeVarargs
    static String reply(Map<String, Double>... results) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "modr-test");
        root.put("model", "omni-moderation-latest");
        ArrayNode array = root.putArray("results");
        for (Map<String, Double> scores : results) {
            ObjectNode result = array.addObject();
            ObjectNode categories = result.putObject("categories");
            ObjectNode categoryScores = result.putObject("category_scores");
            boolean flagged = false;
            for (String name : OpenAiModerationCategories.NAMES) {
                double p = scores.getOrDefault(name, 0.001);
                categoryScores.put(name, p);
                categories.put(name, p >= 0.5);
                flagged |= p >= 0.5;
            }
            result.put("flagged", flagged);
        }
        return root.toString();
    }

    static String reply(List<Map<String, Double>> results) {
        @SuppressWarnings("unchecked")
        Map<String, Double>[] array = results.toArray(Map[]::new);
        return reply(array);
    }
}
