package dev.rampart.classifier;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scorer named {@code controlled} whose calls the test completes by hand, to drive the wrappers through in-flight,
 * late, failed and concurrent calls deterministically (no sleeping). Subclasses give it a family's interface.
 */
public class ControlledScorer<I, R> implements Scorer<I, R> {
    /** The calls made, in order, still pending until the test completes them. */
    public final List<CompletableFuture<R>> pending = new CopyOnWriteArrayList<>();
    /** How often {@link #close()} was called. */
    public final AtomicInteger closes = new AtomicInteger();
    /** When set, thrown by the next calls instead of starting one. */
    public RuntimeException throwOnCall;

    @Override
    public String name() {
        return "controlled";
    }

    @Override
    public CompletionStage<R> score(I input) {
        if (throwOnCall != null) {
            throw throwOnCall;
        }
        CompletableFuture<R> f = new CompletableFuture<>();
        pending.add(f);
        return f;
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }
}
