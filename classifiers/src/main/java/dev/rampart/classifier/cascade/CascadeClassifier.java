package dev.rampart.classifier.cascade;

import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.Classifier;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.ClassifierStatus;
import dev.rampart.policy.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fast first stage on every text, a stronger second stage only where the first is unsure.
 *
 * <p>The first stage's highest category score {@code s} routes the text: {@code s < passBelow} — clearly safe — and
 * {@code s ≥ decideAt} — clearly unsafe — keep the first stage's scores; in between the second stage is asked, and its
 * scores replace the first stage's for every category it covers (categories only the first stage covers, such as
 * {@code prompt_injection} beside Llama Guard, keep the first stage's score and spans). A first stage that fails
 * escalates too (the second stage is the stronger one). A second stage that fails yields an {@code ERROR} value, or
 * the first stage's scores, as {@link CascadeSettings#onSecondError()} says. Never throws; the stage always completes
 * normally. {@link #stats()} counts the routes, so the calls the cascade saves can be read off.
 */
public final class CascadeClassifier implements Classifier {
    private final Classifier first;
    private final Classifier second;
    private final CascadeSettings settings;
    private final List<String> covers;
    private final Routes routes;

    /**
     * @param first    the fast stage, asked for every text (the embedded model)
     * @param second   the strong stage, asked for the uncertain band only
     * @param covers   the categories the cascade answers for (both stages' together)
     * @param settings the band and the failure mode
     */
    public CascadeClassifier(Classifier first, Classifier second, List<String> covers, CascadeSettings settings) {
        this(first, second, covers, settings, new Routes());
    }

    /**
     * @param routes where the routes taken are counted; shared by successive cascades (one per policy revision) so
     *               the counts survive a reload
     */
    public CascadeClassifier(Classifier first, Classifier second, List<String> covers, CascadeSettings settings,
                             Routes routes) {
        this.routes = java.util.Objects.requireNonNull(routes, "routes");
        this.first = java.util.Objects.requireNonNull(first, "first");
        this.second = java.util.Objects.requireNonNull(second, "second");
        this.settings = java.util.Objects.requireNonNull(settings, "settings");
        this.covers = List.copyOf(covers);
    }

    /** How many texts each route took so far. */
    public record Stats(long passed, long decided, long escalated) {
        /** Texts seen. */
        public long total() {
            return passed + decided + escalated;
        }

        /** The share of texts that did not need the second stage. */
        public double savedFraction() {
            return total() == 0 ? 0 : (double) (passed + decided) / total();
        }
    }

    /** Counts of the routes texts took, thread-safe; one instance may serve several cascades in turn. */
    public static final class Routes {
        private final LongAdder passed = new LongAdder();
        private final LongAdder decided = new LongAdder();
        private final LongAdder escalated = new LongAdder();

        public Stats stats() {
            return new Stats(passed.sum(), decided.sum(), escalated.sum());
        }
    }

    public Stats stats() {
        return routes.stats();
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public CompletionStage<ClassifierScores> classify(ClassificationInput input) {
        return safely(() -> first.classify(input))
                .handle((s, e) -> e == null ? s
                        : ClassifierScores.error(first.name(), covers, "first stage failed: " + e.getClass().getSimpleName()))
                .thenCompose(firstScores -> route(input, firstScores))
                .exceptionally(e -> ClassifierScores.error(name(), covers, "cascade failed: " + e.getClass().getSimpleName()));
    }

    private CompletionStage<ClassifierScores> route(ClassificationInput input, ClassifierScores firstScores) {
        boolean firstOk = firstScores.status() == ClassifierStatus.OK;
        double top = firstScores.scores().values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        if (firstOk && top < settings.passBelow()) {
            routes.passed.increment();
            return CompletableFuture.completedFuture(renamed(firstScores));
        }
        if (firstOk && top >= settings.decideAt()) {
            routes.decided.increment();
            return CompletableFuture.completedFuture(renamed(firstScores));
        }
        routes.escalated.increment();
        return safely(() -> second.classify(input)).handle((s, e) -> e == null ? s
                : ClassifierScores.error(second.name(), covers, e.getClass().getSimpleName())).thenApply(secondScores -> {
            if (secondScores.status() == ClassifierStatus.OK) {
                return merged(firstOk ? firstScores : null, secondScores);
            }
            if (firstOk && settings.onSecondError() == CascadeSettings.OnSecondError.FIRST_STAGE) {
                return renamed(firstScores);
            }
            String cause = secondScores.error() != null ? secondScores.error() : secondScores.status().name();
            return ClassifierScores.error(name(), covers, "second stage " + second.name() + ": " + cause);
        });
    }

    private ClassifierScores renamed(ClassifierScores s) {
        return new ClassifierScores(name(), s.status(), s.scores(), s.spans(), union(s.covers()), s.error());
    }

    /** The second stage's scores where it covers a category, the first stage's elsewhere. */
    private ClassifierScores merged(ClassifierScores firstScores, ClassifierScores secondScores) {
        Set<String> secondCovers = new LinkedHashSet<>(secondScores.covers());
        secondCovers.addAll(secondScores.scores().keySet());
        Map<String, Double> scores = new HashMap<>();
        List<Span> spans = new ArrayList<>(secondScores.spans());
        if (firstScores != null) {
            firstScores.scores().forEach((c, v) -> {
                if (!secondCovers.contains(c)) {
                    scores.put(c, v);
                }
            });
            for (Span s : firstScores.spans()) {
                if (!secondCovers.contains(s.category())) {
                    spans.add(s);
                }
            }
        }
        scores.putAll(secondScores.scores());
        return ClassifierScores.ok(name(), scores, spans, union(secondScores.covers()));
    }

    private List<String> union(List<String> more) {
        Set<String> all = new LinkedHashSet<>(covers);
        all.addAll(more);
        return List.copyOf(all);
    }

    private static CompletionStage<ClassifierScores> safely(java.util.function.Supplier<CompletionStage<ClassifierScores>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public boolean ready() {
        return first.ready();
    }

    @Override
    public void close() {
        try {
            first.close();
        } finally {
            second.close();
        }
    }
}
