package dev.rampart.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one classifier said about one text: a score in [0, 1] per taxonomy category id, optional spans for
 * categories it can localise (patterns, PII), and how the run ended. Classifiers produce these; only the
 * policy engine turns them into a {@link Decision}.
 *
 * @param classifier the classifier's configured name
 * @param status     how the run ended
 * @param scores     the classifier's evidence: category id to score in [0, 1]. A category present was evaluated and
 *                   the score is a vote, low or high; a category absent was not evaluated (or, for one-sided
 *                   detectors such as patterns, nothing matched) and casts no vote — never report 0.0 for it
 * @param spans      localised evidence, possibly empty
 * @param covers     category ids this classifier is responsible for (used to apply {@code on_error} on failure)
 * @param error      a short, text-free description of the failure when {@code status == ERROR}, else null
 */
public record ClassifierScores(
        String classifier,
        ClassifierStatus status,
        Map<String, Double> scores,
        List<Span> spans,
        List<String> covers,
        String error) {

    public ClassifierScores {
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(status, "status");
        scores = Map.copyOf(scores);
        spans = List.copyOf(spans);
        covers = List.copyOf(covers);
        for (var e : scores.entrySet()) {
            double s = e.getValue();
            if (!(s >= 0.0 && s <= 1.0)) {
                throw new IllegalArgumentException(
                        "score for " + e.getKey() + " must be between 0 and 1, but was " + s);
            }
        }
    }

    /** Whether this run has evidence on a category (it ran and scored it): only such a classifier votes on it. */
    public boolean hasEvidence(String category) {
        return status == ClassifierStatus.OK && scores.containsKey(category);
    }

    /** The categories this run has evidence on; empty unless it ended {@code OK}. */
    public java.util.Set<String> evidence() {
        return status == ClassifierStatus.OK ? scores.keySet() : java.util.Set.of();
    }

    public static ClassifierScores ok(String classifier, Map<String, Double> scores, List<Span> spans, List<String> covers) {
        return new ClassifierScores(classifier, ClassifierStatus.OK, scores, spans, covers, null);
    }

    public static ClassifierScores error(String classifier, List<String> covers, String error) {
        return new ClassifierScores(classifier, ClassifierStatus.ERROR, Map.of(), List.of(), covers, error);
    }

    public static ClassifierScores skipped(String classifier, List<String> covers) {
        return new ClassifierScores(classifier, ClassifierStatus.SKIPPED, Map.of(), List.of(), covers, null);
    }
}
