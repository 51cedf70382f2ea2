package dev.rampart.classifier.onnx;

import dev.rampart.classifier.runtime.MicroBatcher;
import dev.rampart.classifier.runtime.Outcomes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * A model {@link ModelLoad loaded} and running: the ONNX session, its tokenizer and a {@link MicroBatcher} worker pool
 * shared by every in-process scorer. An input of type {@code I} (a text, a prompt-response pair) is encoded on a worker
 * into one or more model inputs (windows of a long text, one text pair); the model inputs of the inputs waiting
 * together run shortest first, in runs of {@code max_batch}, and each input gets back the output rows of its own model
 * inputs, in their order.
 *
 * <p>Never blocks the caller. Failures are values through the scorer family's {@link Outcomes}: {@code worker queue
 * full}, {@code tokenizer failed} (an input that cannot be encoded), {@code inference failed: <exception>}, and
 * {@link Outcomes#closed()} after {@link #close()}.
 *
 * @param <I> what is scored
 */
public final class LoadedModel<I> implements AutoCloseable {
    private final SequenceModel model;
    private final WordPieceTokenizer tokenizer;
    private final String revision;
    private final int maxBatch;
    private final Function<I, List<SequenceModel.Input>> encoder;
    private final MicroBatcher<I, float[][]> batcher;
    private final AtomicBoolean closed = new AtomicBoolean();

    LoadedModel(SequenceModel model, WordPieceTokenizer tokenizer, String revision, String poolName,
                ModelSource source, Function<I, List<SequenceModel.Input>> encoder, IntConsumer batchSizes) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.revision = revision;
        this.maxBatch = source.maxBatch();
        this.encoder = encoder;
        this.batcher = new MicroBatcher<>(poolName, source.threads(), source.maxBatch(), source.queue(),
                this::runBatch, batchSizes);
    }

    /** The tokenizer. */
    public WordPieceTokenizer tokenizer() {
        return tokenizer;
    }

    /**
     * The model's identity for cache keys and decision logs: the first 16 hex digits of the SHA-256 of
     * {@code model.onnx}, then 8 of the SHA-256 of the tokenizer and the settings.
     */
    public String revision() {
        return revision;
    }

    /** Whether {@link #close()} was called. */
    public boolean closed() {
        return closed.get();
    }

    /**
     * Scores one input on the pool.
     *
     * @param read     the output rows of the input's model inputs to a result (may itself give a failed value)
     * @param outcomes how failures become results
     */
    public <R> CompletionStage<R> run(I input, Function<float[][], R> read, Outcomes<R> outcomes) {
        if (closed.get()) {
            return CompletableFuture.completedFuture(outcomes.closed());
        }
        CompletableFuture<float[][]> rows;
        try {
            rows = batcher.submit(input);
        } catch (RuntimeException e) {
            rows = CompletableFuture.failedFuture(e);
        }
        return rows.handle((result, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof RejectedExecutionException) {
                    return "closed".equals(cause.getMessage()) ? outcomes.closed() : outcomes.failed("worker queue full");
                }
                return outcomes.failed("inference failed: " + cause.getClass().getSimpleName());
            }
            return result == null ? outcomes.failed("tokenizer failed") : read.apply(result);
        });
    }

    /** On a worker: encodes each input, runs every model input (shortest first, in runs of max_batch). */
    private List<float[][]> runBatch(List<I> inputs) {
        List<SequenceModel.Input> all = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        List<Integer> position = new ArrayList<>();
        List<float[][]> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            List<SequenceModel.Input> encoded;
            try {
                encoded = encoder.apply(inputs.get(i));
            } catch (RuntimeException e) {
                out.add(null);
                continue;
            }
            out.add(new float[encoded.size()][]);
            for (int w = 0; w < encoded.size(); w++) {
                all.add(encoded.get(w));
                owner.add(i);
                position.add(w);
            }
        }
        List<Integer> order = new ArrayList<>(all.size());
        for (int k = 0; k < all.size(); k++) {
            order.add(k);
        }
        order.sort(Comparator.comparingInt(k -> all.get(k).ids().length));
        for (int from = 0; from < order.size(); from += maxBatch) {
            List<Integer> chunk = order.subList(from, Math.min(order.size(), from + maxBatch));
            float[][] rows = model.run(chunk.stream().map(all::get).toList(), tokenizer.padId());
            for (int j = 0; j < chunk.size(); j++) {
                int k = chunk.get(j);
                out.get(owner.get(k))[position.get(k)] = rows[j];
            }
        }
        return out;
    }

    /** Stops the worker pool (waiting inputs fail as closed) and frees the model. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            batcher.close();
            model.close();
        }
    }
}
