package dev.rampart.gateway.metrics;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * Micrometer's standard cache meters ({@code cache_gets_total{result}}, {@code cache_evictions_total},
 * {@code cache_eviction_weight_total}, as {@code CaffeineCacheMetrics} names them) for Caffeine caches that replace
 * each other (a classifier's cache is rebuilt on every policy reload): read from one stats counter the successive
 * caches share, so the series never restart.
 */
public final class CacheMeters {
    private CacheMeters() {
    }

    /** Registers the meters of the cache named {@code cache}; {@code stats} is read at each scrape. */
    public static void bind(MeterRegistry registry, String cache, Supplier<CacheStats> stats) {
        FunctionCounter.builder("cache.gets", stats, s -> s.get().hitCount()).tag("cache", cache).tag("result", "hit")
                .description("Cache lookups that found a value").register(registry);
        FunctionCounter.builder("cache.gets", stats, s -> s.get().missCount()).tag("cache", cache).tag("result", "miss")
                .description("Cache lookups that did not").register(registry);
        FunctionCounter.builder("cache.evictions", stats, s -> s.get().evictionCount()).tag("cache", cache)
                .description("Entries evicted (size or expiry)").register(registry);
        FunctionCounter.builder("cache.eviction.weight", stats, s -> s.get().evictionWeight()).tag("cache", cache)
                .description("Weight of the evicted entries").register(registry);
    }
}
