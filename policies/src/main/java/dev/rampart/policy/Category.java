package dev.rampart.policy;

import java.util.List;

/**
 * A taxonomy category as policy authors write it.
 *
 * @param id          stable id, e.g. {@code S1}, {@code prompt_injection}, {@code pii}
 * @param name        human name, e.g. {@code Violent Crimes}
 * @param description the text a Llama-Guard-style classifier is prompted with
 * @param examples    example phrases (used by embedding classifiers as prototypes)
 * @param patterns    deterministic patterns matched after normalisation
 * @param openaiCategories the {@link OpenAiModerationCategories OpenAI moderation categories} this category counts as
 *                    in {@code /v1/moderations} (none: it appears under its own id only)
 */
public record Category(String id, String name, String description, List<String> examples, List<Pattern> patterns,
                       List<String> openaiCategories) {
    public Category {
        examples = List.copyOf(examples);
        patterns = List.copyOf(patterns);
        openaiCategories = List.copyOf(openaiCategories);
        for (String openai : openaiCategories) {
            if (!OpenAiModerationCategories.NAMES.contains(openai)) {
                throw new IllegalArgumentException("not an OpenAI moderation category: " + openai);
            }
        }
    }

    /** A category counted under its own id only. */
    public Category(String id, String name, String description, List<String> examples, List<Pattern> patterns) {
        this(id, name, description, examples, patterns, List.of());
    }

    /**
     * A deterministic detector: a regular expression or a literal term (matched case-insensitively on word
     * boundaries after normalisation), or a built-in detector such as {@code pii:email}. A match scores
     * {@code score} for the category (1 by default; less for weak evidence that only fires at strict tiers).
     */
    public record Pattern(Kind kind, String value, double score) {
        public enum Kind { REGEX, LITERAL, BUILTIN }

        public Pattern {
            if (!(score > 0 && score <= 1)) {
                throw new IllegalArgumentException("pattern score must be in (0, 1], but was " + score);
            }
        }

        /** A pattern whose match is conclusive (score 1). */
        public Pattern(Kind kind, String value) {
            this(kind, value, 1.0);
        }
    }
}
