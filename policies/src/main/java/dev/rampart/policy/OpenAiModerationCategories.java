package dev.rampart.policy;

import java.util.List;

/**
 * The category names of OpenAI's moderation endpoint ({@code omni-moderation}), in OpenAI's order. A taxonomy category
 * names the ones it counts as ({@code openai_categories}), so {@code /v1/moderations} answers under these names too and
 * code written for OpenAI's endpoint works unchanged.
 */
public final class OpenAiModerationCategories {
    /** Every name, always present in a moderation result. */
    public static final List<String> NAMES = List.of(
            "harassment", "harassment/threatening", "hate", "hate/threatening", "illicit", "illicit/violent",
            "self-harm", "self-harm/intent", "self-harm/instructions", "sexual", "sexual/minors", "violence",
            "violence/graphic");

    private OpenAiModerationCategories() {
    }
}
