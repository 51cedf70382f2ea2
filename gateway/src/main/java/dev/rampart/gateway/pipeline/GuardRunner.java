package dev.rampart.gateway.pipeline;

import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.Classifier;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.gateway.openai.GuardedText;
import dev.rampart.gateway.policy.GuardState;
import dev.rampart.gateway.policy.Verdict;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.Direction;
import dev.rampart.policy.Policy;
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

    /** The verdict on a text at a trust tier; an empty text, or a direction without rules, is decided unscored. */
    public Future<Verdict> decide(GuardState state, GuardedText text, Direction direction, int tier) {
        Policy policy = state.policy();
        if (text.isEmpty() || policy.categoriesFor(direction).isEmpty()) {
            return Future.succeededFuture(new Verdict(policy.decide(direction, tier, List.of()), List.of()));
        }
        return run(state, text.input(direction)).map(scores -> new Verdict(policy.decide(direction, tier, scores), scores));
    }

    /** Every classifier's scores for one input, in the state's classifier order. */
    public Future<List<ClassifierScores>> run(GuardState state, ClassificationInput input) {
        Context context = vertx.getOrCreateContext();
        List<String> covers = List.copyOf(state.policy().categoriesFor(input.direction()));
        List<Future<ClassifierScores>> runs = new ArrayList<>(state.classifiers().size());
        for (Classifier classifier : state.classifiers()) {
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
