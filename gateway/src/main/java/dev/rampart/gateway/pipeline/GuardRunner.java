package dev.rampart.gateway.pipeline;

import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.Classifier;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.gateway.openai.GuardedText;
import dev.rampart.gateway.policy.GuardState;
import dev.rampart.gateway.policy.Verdict;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.Decision;
import dev.rampart.policy.DecisionInput;
import dev.rampart.policy.Direction;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides on one text: runs every classifier of a {@link GuardState} concurrently, each within a deadline, brings the
 * results back to the caller's Vert.x context, and lets the policy decide. A classifier that throws, fails or is late
 * yields an {@code ERROR} result so the policy's {@code on_error} decides — a classifier fault is never a gateway
 * fault. Shared by the prompt guard, the completion guard (whole replies and stream windows) and moderations.
 * A shadow pack ({@link GuardState.Shadow}) is decided beside the live one; it never changes the live decision.
 */
public final class GuardRunner {
    private static final Logger LOG = LoggerFactory.getLogger(GuardRunner.class);

    private final Vertx vertx;
    private final long timeoutMs;
    private final GatewayMetrics metrics;

    public GuardRunner(Vertx vertx, long timeoutMs, GatewayMetrics metrics) {
        this.vertx = vertx;
        this.timeoutMs = timeoutMs;
        this.metrics = metrics;
    }

    /**
     * The verdict on a text at a trust tier; an empty text, or a direction without rules, is decided unscored. A shadow
     * pack decides on the same scores when it shares the live taxonomy, else on its own classifiers' run alongside.
     */
    public Future<Verdict> decide(GuardState state, GuardedText text, Direction direction, int tier) {
        if (text.isEmpty() || state.categoriesFor(direction).isEmpty()) {
            return Future.succeededFuture(verdict(state, direction, tier, List.of(), List.of()));
        }
        ClassificationInput input = text.input(direction);
        List<String> covers = List.copyOf(state.categoriesFor(direction));
        Future<List<ClassifierScores>> live = run(state.classifiers(), input, covers);
        GuardState.Shadow shadow = state.shadow();
        if (shadow == null || shadow.sharesScores()) {
            return live.map(scores -> verdict(state, direction, tier, scores, scores));
        }
        Future<List<ClassifierScores>> own = run(shadow.classifiers(), input, covers);
        return Future.all(live, own).map(both -> verdict(state, direction, tier, live.result(), own.result()));
    }

    private static Verdict verdict(GuardState state, Direction direction, int tier, List<ClassifierScores> scores,
                                   List<ClassifierScores> shadowScores) {
        Decision live = state.policy().decide(DecisionInput.of(direction, tier, scores));
        Decision shadow = state.shadow() == null ? null
                : state.shadow().policy().decide(DecisionInput.of(direction, tier, shadowScores));
        return new Verdict(live, scores, shadow);
    }

    /** Every classifier's scores for one input, in the state's classifier order. */
    public Future<List<ClassifierScores>> run(GuardState state, ClassificationInput input) {
        return run(state.classifiers(), input, List.copyOf(state.categoriesFor(input.direction())));
    }

    private Future<List<ClassifierScores>> run(List<Classifier> classifiers, ClassificationInput input,
                                               List<String> covers) {
        Context context = vertx.getOrCreateContext();
        List<Future<ClassifierScores>> runs = new ArrayList<>(classifiers.size());
        for (Classifier classifier : classifiers) {
            runs.add(runOne(context, classifier, input, covers));
        }
        return Future.all(runs).map(all -> {
            List<ClassifierScores> out = new ArrayList<>(runs.size());
            for (Future<ClassifierScores> f : runs) {
                out.add(f.result());
            }
            return out;
        });
    }

    private Future<ClassifierScores> runOne(Context context, Classifier classifier, ClassificationInput input,
                                            List<String> covers) {
        long start = System.nanoTime();
        CompletionStage<ClassifierScores> stage;
        try {
            stage = classifier.classify(input);
        } catch (RuntimeException e) {
            LOG.warn("classifier={} threw {}", classifier.name(), e.getClass().getSimpleName());
            stage = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<ClassifierScores> future = stage.toCompletableFuture();
        if (future.isDone() && !future.isCompletedExceptionally() && future.getNow(null) != null) {
            // in-process classifiers that answered on the spot (patterns): no deadline timer, no hop
            ClassifierScores result = future.getNow(null);
            metrics.classifierRun(classifier.name(), input.direction(), result.status(), System.nanoTime() - start);
            return Future.succeededFuture(result);
        }
        Promise<ClassifierScores> promise = Promise.promise();
        long timer = vertx.setTimer(timeoutMs, id -> {
            if (promise.tryComplete(ClassifierScores.error(classifier.name(), covers, "timeout"))) {
                metrics.classifierTimeout(classifier.name(), input.direction());
            }
        });
        Future.fromCompletionStage(stage, context).onComplete(ar -> {
            vertx.cancelTimer(timer);
            ClassifierScores result = ar.succeeded() && ar.result() != null
                    ? ar.result()
                    : ClassifierScores.error(classifier.name(), covers,
                    ar.failed() ? ar.cause().getClass().getSimpleName() : "no result");
            if (promise.tryComplete(result)) {
                metrics.classifierRun(classifier.name(), input.direction(), result.status(), System.nanoTime() - start);
            }
        });
        return promise.future();
    }
}
