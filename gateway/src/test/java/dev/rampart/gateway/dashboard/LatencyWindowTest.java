package dev.rampart.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.policy.ClassifierStatus;
import dev.rampart.policy.Direction;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Dashboard percentiles from the gateway's real timers, which publish fixed-bucket histograms and no percentiles. */
class LatencyWindowTest {
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final MeterRegistry registry = metrics.registry();

    @AfterEach
    void close() {
        metrics.close();
    }

    private void requests(int n, double millis, int status) {
        for (int i = 0; i < n; i++) {
            metrics.request("chat", status, "u", (long) (millis * 1e6));
        }
    }

    @Test
    void should_place_the_median_and_the_99th_percentile_in_the_buckets_of_the_values_recorded() {
        requests(980, 0.2, 200);
        requests(20, 30, 400); // another tag combination of the same timer: summed with the first
        LatencyWindow window = new LatencyWindow("rampart.request.duration", 60);

        LatencyWindow.Summary s = window.summary(registry);

        assertThat(s.count()).isEqualTo(1000);
        assertThat(s.p50()).isCloseTo(0.2, within(0.05)); // bucket resolution: a few tens of percent at most
        assertThat(s.p99()).isCloseTo(30, within(8.0));
    }

    @Test
    void should_only_count_what_was_recorded_within_the_window() {
        LatencyWindow window = new LatencyWindow("rampart.request.duration", 2);
        requests(100, 1, 200);
        window.tick(registry);
        window.tick(registry); // the oldest kept tick already holds the first 100: they left the window
        assertThat(window.summary(registry).count()).isZero();
        assertThat(window.summary(registry).p50()).isZero();

        requests(100, 20, 200);

        LatencyWindow.Summary s = window.summary(registry);
        assertThat(s.count()).isEqualTo(100);
        assertThat(s.p50()).isCloseTo(20, within(5.0));
    }

    @Test
    void should_publish_histogram_buckets_below_a_millisecond_and_no_client_side_percentiles() {
        requests(10, 0.2, 200);
        metrics.classifierRun("patterns", Direction.PROMPT, ClassifierStatus.OK, 60_000);

        String scrape = metrics.scrape();

        assertThat(scrape).contains("rampart_request_duration_seconds_bucket").doesNotContain("quantile=");
        assertThat(scrape).containsPattern("rampart_request_duration_seconds_bucket\\{[^}]*le=\"5\\.[0-9]+E-5\"");
        assertThat(registry.find("rampart.classifier.duration").timer().takeSnapshot().percentileValues()).isEmpty();
        assertThat(registry.find("rampart.request.duration").timer().takeSnapshot().histogramCounts()[0]
                .bucket(TimeUnit.MICROSECONDS)).isLessThanOrEqualTo(60);
    }
}
