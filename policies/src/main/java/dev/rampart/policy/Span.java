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

    /** Sorts spans and merges overlapping or touching ones (the category of the first of a merged run is kept). */
    public static java.util.List<Span> merge(java.util.Collection<Span> spans) {
        java.util.List<Span> sorted = new java.util.ArrayList<>(spans);
        sorted.sort(java.util.Comparator.comparingInt(Span::start).thenComparingInt(Span::end));
        java.util.List<Span> merged = new java.util.ArrayList<>();
        for (Span s : sorted) {
            if (!merged.isEmpty() && s.start() <= merged.get(merged.size() - 1).end()) {
                Span last = merged.remove(merged.size() - 1);
                merged.add(new Span(last.start(), Math.max(last.end(), s.end()), last.category()));
            } else {
                merged.add(s);
            }
        }
        return merged;
    }
}
