package dev.rampart.policy;

/**
 * A half-open character range {@code [start, end)} of the original text (UTF-16 indices, as {@link String}
 * uses) that a classifier attributes to a category. Used by the {@code redact} action.
 */
public record Span(int start, int end, String category) {
    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("span must satisfy 0 <= start <= end, but was [" + start + ", " + end + ")");
        }
        if (category == null || category.isBlank()) {
            throw new IllegalArgumentException("span category must not be blank");
        }
    }
}
