package dev.rampart.gateway.policy;

import dev.rampart.policy.Action;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.ClassifierStatus;
import dev.rampart.policy.Decision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the guard decided on one text and the classifier scores it decided on — the pair every decision record keeps,
 * so a decision can be explained and re-decided — and, when a shadow pack runs beside the live one, the shadow's
 * decision on the same text (null otherwise).
 */
public record Verdict(Decision decision, List<ClassifierScores> scores, Decision shadow) {
    public Verdict {
        Objects.requireNonNull(decision, "decision");
        scores = List.copyOf(scores);
    }

    public Verdict(Decision decision, List<ClassifierScores> scores) {
        this(decision, scores, null);
    }

    public Action action() {
        return decision.action();
    }

    public boolean blocks() {
        return decision instanceof Decision.Block;
    }

    /** The stricter of two decisions (the first on a tie); either may be null. */
    public static Decision stricter(Decision a, Decision b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.action().ordinal() > a.action().ordinal() ? b : a;
    }

    /**
     * One classifier result per classifier over several texts (windows of a long text, choices of a reply): each
     * category's highest score; {@code ERROR} if any run failed, {@code OK} if any succeeded, else {@code SKIPPED}.
     * Spans are left out: they refer to the individual texts.
     */
    public static List<ClassifierScores> mergeScores(List<List<ClassifierScores>> runs) {
        if (runs.size() == 1) {
            return runs.get(0);
        }
        Map<String, Merged> byClassifier = new LinkedHashMap<>();
        for (List<ClassifierScores> run : runs) {
            for (ClassifierScores s : run) {
                byClassifier.computeIfAbsent(s.classifier(), Merged::new).add(s);
            }
        }
        List<ClassifierScores> out = new ArrayList<>(byClassifier.size());
        byClassifier.values().forEach(m -> out.add(m.result()));
        return out;
    }

    private static final class Merged {
        final String classifier;
        final Map<String, Double> scores = new LinkedHashMap<>();
        final LinkedHashSet<String> covers = new LinkedHashSet<>();
        ClassifierStatus status = ClassifierStatus.SKIPPED;
        String error;

        Merged(String classifier) {
            this.classifier = classifier;
        }

        void add(ClassifierScores s) {
            s.scores().forEach((category, score) -> scores.merge(category, score, Math::max));
            covers.addAll(s.covers());
            if (s.status() == ClassifierStatus.ERROR) {
                status = ClassifierStatus.ERROR;
                error = error == null ? s.error() : error;
            } else if (s.status() == ClassifierStatus.OK && status == ClassifierStatus.SKIPPED) {
                status = ClassifierStatus.OK;
            }
        }

        ClassifierScores result() {
            return new ClassifierScores(classifier, status, scores, List.of(), List.copyOf(covers), error);
        }
    }
}
