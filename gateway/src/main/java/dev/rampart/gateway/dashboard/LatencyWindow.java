package dev.rampart.gateway.dashboard;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard's latency percentiles of one timer family, read from the fixed-bucket histograms the timers publish
 * for Prometheus — the hot path records into buckets only, no client-side percentile sketches. Every tick keeps the
 * family's cumulative bucket counts (all tag combinations summed); a percentile is interpolated within the bucket
 * that holds its rank, over the counts of the last {@code window} ticks, as Prometheus' {@code histogram_quantile}
 * does over a rate.
 */
final class LatencyWindow {
    /** Cumulative counts per bucket upper bound (nanoseconds), and the total count (values past the last bound too). */
    record Counts(TreeMap<Double, Double> atBound, long total) {
        static final Counts EMPTY = new Counts(new TreeMap<>(), 0);
    }

    /** The percentiles shown: counts and milliseconds. */
    record Summary(long count, double p50, double p99) {
    }

    private final String name;
    private final int window;
    private final Deque<Counts> ticks = new ArrayDeque<>();

    LatencyWindow(String name, int window) {
        this.name = name;
        this.window = window;
    }

    /** Keeps the counts of now; called once a tick. */
    void tick(MeterRegistry registry) {
        ticks.addLast(read(registry));
        while (ticks.size() > window) {
            ticks.removeFirst();
        }
    }

    /** The percentiles of what was recorded since the oldest tick kept (everything, before the first tick). */
    Summary summary(MeterRegistry registry) {
        Counts now = read(registry);
        Counts then = ticks.isEmpty() ? Counts.EMPTY : ticks.peekFirst();
        if (then.total() > now.total()) { // meters were removed (a registry cleared): start over
            then = Counts.EMPTY;
        }
        long count = now.total() - then.total();
        return new Summary(count, quantile(now, then, 0.5), quantile(now, then, 0.99));
    }

    private Counts read(MeterRegistry registry) {
        TreeMap<Double, Double> atBound = new TreeMap<>();
        long total = 0;
        for (Meter m : registry.find(name).meters()) {
            if (m instanceof Timer t) {
                total += t.count();
                for (CountAtBucket b : t.takeSnapshot().histogramCounts()) {
                    atBound.merge(b.bucket(TimeUnit.NANOSECONDS), b.count(), Double::sum);
                }
            }
        }
        return new Counts(atBound, total);
    }

    /**
     * The value in milliseconds below which {@code q} of the values recorded between {@code then} and {@code now}
     * fall, interpolated linearly within its bucket; past the last bound, the last bound; 0 without values.
     */
    static double quantile(Counts now, Counts then, double q) {
        double total = now.total() - then.total();
        if (total <= 0 || now.atBound().isEmpty()) {
            return 0;
        }
        double rank = q * total;
        double lower = 0;
        double below = 0;
        for (Map.Entry<Double, Double> e : now.atBound().entrySet()) {
            double upper = e.getKey();
            double cumulative = e.getValue() - then.atBound().getOrDefault(upper, 0.0);
            if (cumulative >= rank) {
                double inBucket = cumulative - below;
                double fraction = inBucket <= 0 ? 1 : (rank - below) / inBucket;
                return (lower + (upper - lower) * fraction) / 1e6;
            }
            lower = upper;
            below = cumulative;
        }
        return lower / 1e6;
    }
}
