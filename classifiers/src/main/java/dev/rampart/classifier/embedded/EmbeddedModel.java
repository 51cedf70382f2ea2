package dev.rampart.classifier.embedded;

import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.normalize.ReadLimit;
import dev.rampart.classifier.onnx.SentenceEncoder;
import dev.rampart.classifier.runtime.MicroBatcher;
import dev.rampart.policy.Category;
import dev.rampart.policy.ClassifierScores;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The embedded model as the gateway holds it: the encoder is loaded once, in the background (the gateway starts and
 * reports not-ready until it is), and shared by the classifiers built for each policy revision; one worker pool with
 * micro-batching runs it.
 */
public final class EmbeddedModel implements AutoCloseable {
    private final SafetyHead head;
    private final CompletableFuture<Loaded> loaded;
    private final ReadLimit readLimit;

    private record Loaded(SentenceEncoder encoder, MicroBatcher<List<int[]>, float[][]> batcher) {
    }

    /**
     * Settings of the worker pool.
     *
     * @param workers       worker threads, each running one batch at a time
     * @param threads       ONNX Runtime intra-op threads per batch
     * @param maxBatch      most texts per batch
     * @param queueCapacity most texts waiting; beyond it a classification fails at once (on_error applies)
     * @param readLimit     the longest text read (every window of it is scored); a longer one is an error saying so
     */
    public record Settings(int workers, int threads, int maxBatch, int queueCapacity, ReadLimit readLimit) {
        /**
         * One worker using two cores per batch: on 2 cores this halves single-prompt latency (3.1 ms vs 5.6 ms for 20
         * tokens) for 8 % less peak throughput than two single-threaded workers (bench/README.md).
         */
        public static final Settings DEFAULTS = new Settings(1, 2, 32, 1024, ReadLimit.DEFAULTS);

        public Settings {
            if (workers < 1 || threads < 1 || maxBatch < 1 || queueCapacity < 1) {
                throw new IllegalArgumentException("workers, threads, max_batch and queue_capacity must be at least 1");
            }
            java.util.Objects.requireNonNull(readLimit, "readLimit");
        }

        /** With the default {@link ReadLimit}. */
        public Settings(int workers, int threads, int maxBatch, int queueCapacity) {
            this(workers, threads, maxBatch, queueCapacity, ReadLimit.DEFAULTS);
        }
    }

    private EmbeddedModel(SafetyHead head, CompletableFuture<Loaded> loaded, ReadLimit readLimit) {
        this.head = head;
        this.loaded = loaded;
        this.readLimit = readLimit;
    }

    /** Starts loading the bundled encoder on a background thread with the bundled head. */
    public static EmbeddedModel start(Settings settings, IntConsumer batchSizes) {
        return start(SafetyHead.bundled(), () -> SentenceEncoder.miniLm(settings.threads()), settings, batchSizes);
    }

    public static EmbeddedModel start(SafetyHead head, Supplier<SentenceEncoder> encoder, Settings settings,
                                      IntConsumer batchSizes) {
        CompletableFuture<Loaded> loaded = new CompletableFuture<>();
        Thread loader = new Thread(() -> {
            try {
                SentenceEncoder e = encoder.get();
                if (!head.encoder().equals(e.revision())) {
                    throw new IllegalStateException("the safety head was trained on encoder " + head.encoder()
                            + " but the bundled encoder is " + e.revision() + "; run ./rampart train");
                }
                loaded.complete(new Loaded(e, EmbeddedSafetyClassifier.batcher(e, head.maxPooling(), settings.workers(),
                        settings.maxBatch(), settings.queueCapacity(), batchSizes)));
            } catch (RuntimeException | Error e) {
                loaded.completeExceptionally(e);
            }
        }, "rampart-embedded-loader");
        loader.setDaemon(true);
        loader.start();
        return new EmbeddedModel(head, loaded, settings.readLimit());
    }

    public boolean ready() {
        return loaded.isDone() && !loaded.isCompletedExceptionally();
    }

    /** Completes when the encoder is loaded (exceptionally if it cannot be). */
    public CompletionStage<Void> whenLoaded() {
        return loaded.thenApply(l -> null);
    }

    public SafetyHead head() {
        return head;
    }

    /** The categories of a taxonomy the model scores: those its head knows and those the policy gives examples for. */
    public List<String> covers(List<Category> taxonomy) {
        List<String> covers = new ArrayList<>();
        for (Category c : taxonomy) {
            if (head.categoryIds().contains(c.id()) || !c.examples().isEmpty()) {
                covers.add(c.id());
            }
        }
        return List.copyOf(covers);
    }

    /** A classifier for a policy's taxonomy; it reports not ready, and fails every call, until the model is loaded. */
    public Classifier classifierFor(List<Category> taxonomy) {
        List<String> covers = covers(taxonomy);
        CompletableFuture<EmbeddedSafetyClassifier> classifier =
                loaded.thenApply(l -> new EmbeddedSafetyClassifier(l.encoder(), head, taxonomy, l.batcher(), readLimit));
        return new Classifier() {
            @Override
            public String name() {
                return EmbeddedSafetyClassifier.NAME;
            }

            @Override
            public boolean ready() {
                return EmbeddedModel.this.ready();
            }

            @Override
            public CompletionStage<ClassifierScores> classify(ClassificationInput input) {
                if (!loaded.isDone()) {
                    return CompletableFuture.completedFuture(
                            ClassifierScores.error(EmbeddedSafetyClassifier.NAME, covers, "model loading"));
                }
                if (classifier.isCompletedExceptionally() || loaded.isCompletedExceptionally()) {
                    return CompletableFuture.completedFuture(
                            ClassifierScores.error(EmbeddedSafetyClassifier.NAME, covers, "model failed to load"));
                }
                return classifier.join().classify(input);
            }
        };
    }

    /** The revision of the encoder and head: part of cache keys. */
    public String revision() {
        return head.encoder() + ":" + Integer.toHexString(java.util.Arrays.hashCode(head.unsafe().w2()));
    }

    @Override
    public void close() {
        loaded.thenAccept(l -> {
            l.batcher().close();
            l.encoder().close();
        });
    }
}
