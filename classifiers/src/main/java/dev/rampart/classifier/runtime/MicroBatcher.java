package dev.rampart.classifier.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Dynamic micro-batching on a bounded pool of worker threads. Each worker takes the oldest waiting item and, with it,
 * every other item already waiting (up to {@code maxBatch}), and runs them as one batch: at low load a request runs
 * alone at once (no added latency), under load batches grow by themselves. The queue is bounded: when it is full a
 * submission fails at once instead of piling up (the caller applies the category's {@code on_error}).
 *
 * @param <I> an item
 * @param <O> its result
 */
public final class MicroBatcher<I, O> implements AutoCloseable {
    private final BlockingQueue<Pending<I, O>> queue;
    private final Function<List<I>, List<O>> batchFunction;
    private final int maxBatch;
    private final IntConsumer batchSizes;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;

    private record Pending<I, O>(I item, CompletableFuture<O> result) {
    }

    /**
     * @param name          thread name prefix
     * @param threads       worker threads (each runs one batch at a time)
     * @param maxBatch      most items per batch
     * @param queueCapacity most items waiting
     * @param batchFunction runs a batch; returns one result per item, in order
     * @param batchSizes    told the size of each batch run (for metrics)
     */
    public MicroBatcher(String name, int threads, int maxBatch, int queueCapacity,
                        Function<List<I>, List<O>> batchFunction, IntConsumer batchSizes) {
        if (threads < 1 || maxBatch < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("threads, max batch and queue capacity must be at least 1");
        }
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.batchFunction = Objects.requireNonNull(batchFunction);
        this.maxBatch = maxBatch;
        this.batchSizes = batchSizes;
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::work, name + "-" + i);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
    }

    /** Queues an item; the future fails with {@link RejectedExecutionException} when the queue is full or closed. */
    public CompletableFuture<O> submit(I item) {
        CompletableFuture<O> result = new CompletableFuture<>();
        if (closed || !queue.offer(new Pending<>(item, result))) {
            result.completeExceptionally(new RejectedExecutionException(closed ? "closed" : "queue full"));
        }
        return result;
    }

    private void work() {
        List<Pending<I, O>> batch = new ArrayList<>(maxBatch);
        while (!closed) {
            try {
                Pending<I, O> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void run(List<Pending<I, O>> batch) {
        List<I> items = new ArrayList<>(batch.size());
        for (Pending<I, O> p : batch) {
            items.add(p.item());
        }
        try {
            batchSizes.accept(batch.size());
            List<O> results = batchFunction.apply(items);
            if (results.size() != batch.size()) {
                throw new IllegalStateException("batch returned " + results.size() + " results for " + batch.size() + " items");
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
        } catch (RuntimeException | Error e) {
            for (Pending<I, O> p : batch) {
                p.result().completeExceptionally(e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
        List<Pending<I, O>> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.result().completeExceptionally(new RejectedExecutionException("closed")));
    }
}
