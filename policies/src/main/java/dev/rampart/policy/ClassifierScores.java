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
 * @param scores     category id to score in [0, 1]; categories absent were not scored by this classifier
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
