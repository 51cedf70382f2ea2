package dev.rampart.classifier.runtime;

import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.Classifier;
import dev.rampart.policy.ClassifierScores;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A classifier whose calls the test completes by hand, to drive decorators through in-flight, late, failed and
 * concurrent calls deterministically (no sleeping).
 */
final class ControlledClassifier implements Classifier {
    final List<CompletableFuture<ClassifierScores>> pending = new CopyOnWriteArrayList<>();
    final AtomicInteger closes = new AtomicInteger();
    RuntimeException throwOnCall;

    @Override
    public String name() {
        return "controlled";
    }

    @Override
    public CompletionStage<ClassifierScores> classify(ClassificationInput input) {
        if (throwOnCall != null) {
            throw throwOnCall;
        }
        CompletableFuture<ClassifierScores> f = new CompletableFuture<>();
        pending.add(f);
        return f;
    }

    static ClassifierScores ok(double score) {
        return ClassifierScores.ok("controlled", Map.of("S1", score), List.of(), List.of("S1"));
    }

    static ClassifierScores error() {
        return ClassifierScores.error("controlled", List.of("S1"), "model failed");
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }
}
