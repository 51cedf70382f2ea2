package dev.rampart.policy;

/** How the gateway answers a blocked prompt. */
public enum PromptBlockReply {
    /** HTTP 400 with {@code code: content_filter} (the OpenAI-style error). */
    ERROR,
    /** HTTP 200 with a completion whose only text is the refusal message, so chat UIs keep working. */
    REFUSAL
}
