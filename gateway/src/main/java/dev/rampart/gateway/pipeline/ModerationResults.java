package dev.rampart.gateway.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.policy.Category;
import dev.rampart.policy.CategoryFinding;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.ClassifierStatus;
import dev.rampart.policy.Decision;
import dev.rampart.policy.OpenAiModerationCategories;
import dev.rampart.policy.Policy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code /v1/moderations} result in OpenAI's schema. {@code categories}, {@code category_scores} and
 * {@code category_applied_input_types} hold OpenAI's thirteen names, always, then the policy's own category ids (as
 * before, so clients reading {@code S1} keep working; an id spelled like an OpenAI name appears once, with OpenAI's
 * meaning). An OpenAI name is flagged when a category mapped to it ({@code openai_categories} in the policy) fired and
 * scores the highest of their scores; a name nothing maps to answers {@code false}, {@code 0.0} and no input types.
 * {@code x_rampart} repeats the policy ids alone, for clients that want the taxonomy's view only. {@code flagged} is
 * the policy's verdict: some enforced category fired.
 */
final class ModerationResults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModerationResults() {
    }

    static ObjectNode of(Policy policy, Decision decision, List<ClassifierScores> scores) {
        Map<String, Double> combined = new HashMap<>();
        for (ClassifierScores s : scores) {
            if (s.status() == ClassifierStatus.OK) {
                s.scores().forEach((category, score) -> combined.merge(category, score, Math::max));
            }
        }
        Map<String, Boolean> fired = new HashMap<>();
        for (CategoryFinding f : decision.findings()) {
            fired.put(f.category(), f.fired());
        }
        Map<String, Boolean> openaiFlags = new HashMap<>();
        Map<String, Double> openaiScores = new HashMap<>();
        for (Category category : policy.categories()) {
            for (String name : category.openaiCategories()) {
                openaiFlags.merge(name, fired.getOrDefault(category.id(), false), Boolean::logicalOr);
                openaiScores.merge(name, combined.getOrDefault(category.id(), 0.0), Math::max);
            }
        }

        ObjectNode result = JSON.createObjectNode();
        result.put("flagged", !decision.firedCategories().isEmpty());
        ObjectNode categories = result.putObject("categories");
        ObjectNode categoryScores = result.putObject("category_scores");
        ObjectNode applied = result.putObject("category_applied_input_types");
        for (String name : OpenAiModerationCategories.NAMES) {
            categories.put(name, openaiFlags.getOrDefault(name, false));
            categoryScores.put(name, openaiScores.getOrDefault(name, 0.0));
            var types = applied.putArray(name);
            if (openaiFlags.containsKey(name)) {
                types.add("text");
            }
        }
        ObjectNode extension = result.putObject("x_rampart");
        ObjectNode ownCategories = extension.putObject("categories");
        ObjectNode ownScores = extension.putObject("category_scores");
        for (Category category : policy.categories()) {
            boolean flagged = fired.getOrDefault(category.id(), false);
            double score = combined.getOrDefault(category.id(), 0.0);
            ownCategories.put(category.id(), flagged);
            ownScores.put(category.id(), score);
            if (!OpenAiModerationCategories.NAMES.contains(category.id())) {
                categories.put(category.id(), flagged);
                categoryScores.put(category.id(), score);
                applied.putArray(category.id()).add("text");
            }
        }
        return result;
    }
}
