package dev.rampart.classifier.runtime;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.Classifier;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.ClassifierStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Remembers a classifier's {@code OK} results so the same text is not scored twice (a chat resends its whole history
 * every turn). The key is (classifier name, model revision, SHA-256 of direction, text and conversation): the text
 * itself is never kept. Concurrent calls for the same key share one delegate call. {@code ERROR} and {@code SKIPPED}
 * results are returned but not kept, so a failure is retried by the next call.
 *
 * <p>The key hashes the <em>original</em> text, not its normalised form: results carry spans in original coordinates,
 * and two texts that normalise alike ({@code "a\u200Bb"} and {@code "ab"}) have different offsets.
 *
 * <p>The cache is bounded ({@code maximumSize}, evicting the least valuable entries first) and entries expire
 * {@code expireAfterWrite} after they were computed, measured on the injected {@link Ticker}.
 */
public final class CachingClassifier implements Classifier {

    /**
     * @param maximumSize      most results kept
     * @param expireAfterWrite how long a result is kept
     */
    public record Settings(long maximumSize, Duration expireAfterWrite) {
        /** 10,000 results for 10 minutes. */
        public static final Settings DEFAULTS = new Settings(10_000, Duration.ofMinutes(10));

        public Settings {
            List<String> problems = new ArrayList<>();
            if (maximumSize < 1) {
                problems.add("maximum_size must be at least 1, but was " + maximumSize);
            }
            if (expireAfterWrite == null || expireAfterWrite.isNegative() || expireAfterWrite.isZero()) {
                problems.add("expire_after_write must be positive, but was " + expireAfterWrite);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
        }
    }

    /** What a result is cached under; {@code textSha256} covers direction, text and conversation. */
    record Key(String classifier, String revision, String textSha256) {
    }

    private final Classifier delegate;
    private final String revision;
    private final AsyncCache<Key, ClassifierScores> cache;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param delegate the classifier whose results are cached
     * @param revision the model revision (model name and version, or the policy revision for pattern classifiers):
     *                 results of another revision are never returned
     * @param settings bounds
     * @param ticker   the time source for expiry ({@link Ticker#systemTicker()} in production)
     */
    public CachingClassifier(Classifier delegate, String revision, Settings settings, Ticker ticker) {
        this(delegate, revision, settings, ticker, com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter::new);
    }

    /**
     * As above, recording hits and misses in {@code stats}: pass one shared counter to keep counting across the
     * caches that replace each other on policy reloads (the gateway's cache-hit metrics).
     */
    public CachingClassifier(Classifier delegate, String revision, Settings settings, Ticker ticker,
                             java.util.function.Supplier<? extends com.github.benmanes.caffeine.cache.stats.StatsCounter> stats) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.revision = Objects.requireNonNull(revision, "revision");
        this.cache = Caffeine.newBuilder()
                .maximumSize(settings.maximumSize())
                .expireAfterWrite(settings.expireAfterWrite())
                .ticker(Objects.requireNonNull(ticker, "ticker"))
                .executor(Runnable::run)
                .recordStats(stats)
                .buildAsync();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    /** The revision results are cached under. */
    public String revision() {
        return revision;
    }

    @Override
    public boolean ready() {
        return delegate.ready();
    }

    @Override
    public CompletionStage<ClassifierScores> classify(ClassificationInput input) {
        Key key = new Key(delegate.name(), revision, sha256(input));
        CompletableFuture<ClassifierScores> result = cache.get(key, (k, executor) -> {
            try {
                return delegate.classify(input).toCompletableFuture();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
        return result.whenComplete((scores, failure) -> {
            if (failure != null || scores == null || scores.status() != ClassifierStatus.OK) {
                cache.asMap().remove(key, result);
            }
        });
    }

    /** Hits, misses, evictions; {@link CacheStats#hitRate()} is the hit ratio. */
    public CacheStats stats() {
        return cache.synchronous().stats();
    }

    /** Share of lookups answered from the cache, in [0, 1] (1 when there were none). */
    public double hitRatio() {
        return stats().hitRate();
    }

    /** Approximate number of results kept. */
    public long estimatedSize() {
        return cache.synchronous().estimatedSize();
    }

    /** Runs pending maintenance (evictions) now. */
    public void cleanUp() {
        cache.synchronous().cleanUp();
    }

    /** Drops every kept result (e.g. after the model was replaced in place). */
    public void invalidateAll() {
        cache.synchronous().invalidateAll();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            cache.synchronous().invalidateAll();
            delegate.close();
        }
    }

    /** One digest per thread (classification runs on event loops and workers): no provider lookup per call. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    });

    static String sha256(ClassificationInput input) {
        MessageDigest digest = SHA256.get();
        digest.reset(); // a previous call on this thread that failed half-way leaves nothing behind
        update(digest, input.direction().wireName());
        update(digest, input.text());
        for (ClassificationInput.Turn turn : input.conversation()) {
            update(digest, turn.role());
            update(digest, turn.content());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Length-prefixed, so ("ab", "c") and ("a", "bc") differ. */
    private static void update(MessageDigest digest, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        digest.update((byte) (bytes.length >>> 24));
        digest.update((byte) (bytes.length >>> 16));
        digest.update((byte) (bytes.length >>> 8));
        digest.update((byte) bytes.length);
        digest.update(bytes);
    }
}
