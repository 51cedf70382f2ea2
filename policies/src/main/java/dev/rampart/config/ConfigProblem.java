package dev.rampart.config;

/**
 * One problem found in a configuration or policy file. Readers collect every problem instead of stopping at the
 * first; callers decide what a problem means (exit non-zero at start-up, keep the old configuration on reload).
 *
 * @param source  the file (or label) it is in, e.g. {@code conf/gateway.yaml} or {@code builtin:default}
 * @param line    1-based line, or 0 when unknown
 * @param path    where in the document, e.g. {@code upstreams[0].retry.max_attempts}; empty for the whole document
 * @param message what is wrong and what the value was
 */
public record ConfigProblem(String source, int line, String path, String message) {

    public ConfigProblem {
        source = source == null ? "" : source;
        path = path == null ? "" : path;
    }

    /** {@code source:line: path: message}, the line left out when unknown. */
    @Override
    public String toString() {
        return source + (line > 0 ? ":" + line : "") + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
