package dev.rampart.gateway.cli;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.embedded.EmbeddedModel;
import dev.rampart.classifier.runtime.CachingClassifier;
import dev.rampart.policy.Direction;
import dev.rampart.policy.Policy;
import dev.rampart.policy.PolicyLoadResult;
import dev.rampart.policy.PolicyLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rampart bench}: measures the embedded classifier on this machine — single-prompt latency, throughput with
 * micro-batching under concurrent load, and cache-hit latency — so operators can size replicas.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the embedded classifier: latency, batched throughput, cache hits.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--workers", defaultValue = "1", description = "Inference workers (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--threads", defaultValue = "2", description = "ONNX Runtime threads per batch (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--max-batch", defaultValue = "32", description = "Most texts per batch (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--concurrency", defaultValue = "64", description = "Requests in flight in the throughput run (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--requests", defaultValue = "3000", description = "Prompts in the throughput run (default: ${DEFAULT-VALUE}).")
    int requests;

    private static final String[] SUBJECTS = {"a bakery", "a bicycle shop", "a chess club", "a garden centre",
        "a bookshop", "a dentist", "a yoga studio", "a hardware store"};

    /** About 20 tokens, each distinct (the cache must not answer). */
    static String prompt(int i) {
        return "Could you suggest a friendly name and a short slogan for " + SUBJECTS[i % SUBJECTS.length]
                + " opening in town number " + i + "?";
    }

    @Override
    public Integer call() {
        Policy policy = ((PolicyLoadResult.Loaded) PolicyLoader.loadDefault()).policy();
        List<Integer> batchSizes = new ArrayList<>();
        ConcurrentLinkedQueue<Integer> sizes = new ConcurrentLinkedQueue<>();
        EmbeddedModel model = EmbeddedModel.start(new EmbeddedModel.Settings(workers, threads, maxBatch, Math.max(1024, concurrency * 2)),
                sizes::add);
        model.whenLoaded().toCompletableFuture().join();
        Classifier classifier = model.classifierFor(policy.categories());
        try {
            for (int i = 0; i < 200; i++) { // warm-up
                classify(classifier, prompt(1_000_000 + i));
            }
            long[] latencies = new long[500];
            for (int i = 0; i < latencies.length; i++) {
                long start = System.nanoTime();
                classify(classifier, prompt(i));
                latencies[i] = System.nanoTime() - start;
            }
            Arrays.sort(latencies);
            System.out.printf(Locale.ROOT, "single prompt (~20 tokens), one at a time: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%n",
                    ms(latencies[latencies.length / 2]), ms(latencies[latencies.length * 9 / 10]),
                    ms(latencies[latencies.length * 99 / 100]));
            sizes.clear();
            Semaphore inFlight = new Semaphore(concurrency);
            List<CompletableFuture<?>> all = new ArrayList<>(requests);
            long start = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                inFlight.acquireUninterruptibly();
                all.add(classifier.classify(ClassificationInput.of(Direction.PROMPT, prompt(10_000 + i)))
                        .toCompletableFuture().whenComplete((r, e) -> inFlight.release()));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            double seconds = (System.nanoTime() - start) / 1e9;
            batchSizes.addAll(sizes);
            double meanBatch = batchSizes.stream().mapToInt(Integer::intValue).average().orElse(0);
            System.out.printf(Locale.ROOT, "throughput, %d in flight: %.0f prompts/s (%d prompts in %.2f s, mean batch %.1f)%n",
                    concurrency, requests / seconds, requests, seconds, meanBatch);
            CachingClassifier cached = new CachingClassifier(classifier, model.revision(), CachingClassifier.Settings.DEFAULTS,
                    Ticker.systemTicker());
            String hot = prompt(42);
            classify(cached, hot);
            int hits = 200_000;
            for (int i = 0; i < hits / 10; i++) {
                classify(cached, hot);
            }
            long hitStart = System.nanoTime();
            for (int i = 0; i < hits; i++) {
                classify(cached, hot);
            }
            System.out.printf(Locale.ROOT, "cache hit: %.4f ms mean over %d lookups (hit ratio %.3f)%n",
                    ms((System.nanoTime() - hitStart) / hits), hits, cached.hitRatio());
        } finally {
            model.close();
        }
        return 0;
    }

    private static void classify(Classifier c, String text) {
        c.classify(ClassificationInput.of(Direction.PROMPT, text)).toCompletableFuture().join();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
