package dev.rampart.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.gateway.demo.MockLlm;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A smoke benchmark for every CI run's log: the default configuration as shipped (embedded model, decision log,
 * dashboard, metrics) in front of the mock upstream on loopback, one request at a time, a repeated prompt (classifier
 * cache hits) and unique prompts (cache misses). It prints its figures; its only bound is against an absurd
 * regression (a median over 50 ms for a repeated prompt, about a hundred times the expected), so timing noise on a
 * shared CI machine cannot fail it. The real benchmark is {@code bench/run.sh}.
 */
class SmokeBenchmarkTest {
    private static final int WARM_UP = 500;
    private static final int REPEATED = 2_000;
    private static final int UNIQUE = 40;
    private static final double ABSURD_MEDIAN_MS = 50;

    @Test
    void should_serve_a_repeated_prompt_in_the_default_configuration_without_an_absurd_regression() {
        Vertx mockVertx = Vertx.vertx();
        HttpServer mock = new MockLlm(0).start(mockVertx, "127.0.0.1", 0).await();
        try (GatewayHarness h = GatewayHarness.start("classifiers:\n  embedded: true\nupstreams:\n"
                + GatewayHarness.upstreamYaml("mock", "http://127.0.0.1:" + mock.actualPort() + "/v1",
                "[rampart-demo-mini]", ""))) {
            String repeated = GatewayHarness.chat("rampart-demo-mini", "What is the capital of France? Answer in one word.");
            for (int i = 0; i < WARM_UP; i++) {
                assertThat(h.post("/v1/chat/completions", repeated).statusCode()).isEqualTo(200);
            }
            long cpuBefore = processCpuNanos();
            long[] repeatedNanos = timed(h, REPEATED, i -> repeated);
            long cpu = processCpuNanos() - cpuBefore;
            long[] uniqueNanos = timed(h, UNIQUE, i -> GatewayHarness.chat("rampart-demo-mini",
                    "Request " + i + " of the smoke benchmark: which river runs through Paris? Answer briefly."));

            double p50 = percentileMs(repeatedNanos, 0.50);
            System.out.printf("smoke benchmark (default configuration, c=1, loopback, client in the same JVM):%n"
                            + "  repeated prompt: %d requests, p50 %.3f ms, p90 %.3f ms, p99 %.3f ms,"
                            + " process CPU %.0f us per request (client and gateway)%n"
                            + "  unique prompts:  %d requests, p50 %.3f ms, p90 %.3f ms%n",
                    REPEATED, p50, percentileMs(repeatedNanos, 0.90), percentileMs(repeatedNanos, 0.99),
                    cpu / 1e3 / REPEATED, UNIQUE, percentileMs(uniqueNanos, 0.50), percentileMs(uniqueNanos, 0.90));
            assertThat(p50).as("median of a repeated prompt in ms (an absurd-regression bound, not a target)")
                    .isLessThan(ABSURD_MEDIAN_MS);
        } finally {
            mockVertx.close().await();
        }
    }

    private static long[] timed(GatewayHarness h, int n, java.util.function.IntFunction<String> body) {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            String request = body.apply(i);
            long start = System.nanoTime();
            HttpResponse<String> response = h.post("/v1/chat/completions", request);
            nanos[i] = System.nanoTime() - start;
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        return nanos;
    }

    private static double percentileMs(long[] nanos, double q) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
