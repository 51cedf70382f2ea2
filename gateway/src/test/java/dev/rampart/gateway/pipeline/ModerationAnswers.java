package dev.rampart.gateway.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.policy.OpenAiModerationCategories;
import java.util.Map;

/** Answers of an OpenAI-compatible moderation endpoint, for WireMock stubs of remote {@code openai_moderation} guards. */
final class ModerationAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModerationAnswers() {
    }

    /** One result: every OpenAI category at 0.001 unless given. */
    static String reply(Map<String, Double> scores) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode result = root.put("id", "modr-1").put("model", "omni-moderation-latest").putArray("results")
                .addObject();
        ObjectNode categoryScores = result.putObject("category_scores");
        OpenAiModerationCategories.NAMES.forEach(n -> categoryScores.put(n, scores.getOrDefault(n, 0.001)));
        return root.toString();
    }
}
