package dev.rampart.gateway.openai;

/** The OpenAI routes the gateway serves on its public port. */
public enum Endpoint {
    CHAT_COMPLETIONS("/v1/chat/completions", "/chat/completions", "chat_completions"),
    COMPLETIONS("/v1/completions", "/completions", "completions"),
    RESPONSES("/v1/responses", "/responses", "responses"),
    EMBEDDINGS("/v1/embeddings", "/embeddings", "embeddings"),
    MODERATIONS("/v1/moderations", null, "moderations");

    private final String path;
    private final String upstreamPath;
    private final String metricName;

    Endpoint(String path, String upstreamPath, String metricName) {
        this.path = path;
        this.upstreamPath = upstreamPath;
        this.metricName = metricName;
    }

    /** Path on the gateway. */
    public String path() {
        return path;
    }

    /** Path appended to the upstream base URL (which ends in {@code /v1} by convention); null if served locally. */
    public String upstreamPath() {
        return upstreamPath;
    }

    /** Bounded tag value for metrics. */
    public String metricName() {
        return metricName;
    }

    /** Whether the reply carries generated text that the completion guard must check. */
    public boolean generatesText() {
        return this == CHAT_COMPLETIONS || this == COMPLETIONS || this == RESPONSES;
    }
}
