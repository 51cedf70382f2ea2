package dev.rampart.gateway.upstream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.rampart.gateway.config.ConfigLoader;
import dev.rampart.gateway.config.GatewayConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One upstream's retries, circuit breaker, bulkhead and first-byte timeout, against WireMock on loopback. */
class UpstreamEndpointTest {
    private static final Buffer BODY = Buffer.buffer("{\"model\":\"m\"}");

    private Vertx vertx;
    private WireMockServer upstream;
    private UpstreamEndpoint endpoint;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (endpoint != null) {
            endpoint.close();
        }
        upstream.stop();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** An endpoint configured from YAML, its settings (short, for tests) given as YAML lines. */
    private UpstreamEndpoint endpoint(String baseUrl, String settings) {
        ConfigLoader.Result r = ConfigLoader.parse("t.yaml", "upstreams:\n  - name: main\n    base_url: " + baseUrl
                + "\n    models: ['*']\n" + settings, ConfigLoader.Overrides.NONE);
        assertThat(r.problems()).isEmpty();
        GatewayConfig.Upstream config = r.config().upstreams().get(0);
        endpoint = new UpstreamEndpoint(vertx, config);
        return endpoint;
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Throwable failure(Future<?> f) throws Exception {
        try {
            Object result = await(f);
            throw new AssertionError("expected a failure, but got " + result);
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Future<UpstreamExchange> send() {
        return endpoint.post("/chat/completions", BODY, null, null);
    }

    @Test
    void should_retry_and_return_the_next_answer_when_the_upstream_answers_503() throws Exception {
        upstream.stubFor(post("/v1/chat/completions").inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        upstream.stubFor(post("/v1/chat/completions").inScenario("s").whenScenarioStateIs("up")
                .willReturn(okJson("{}")));
        endpoint(upstream.baseUrl() + "/v1", "    retry: { max_attempts: 3, backoff_ms: 0 }\n");
        UpstreamExchange exchange = await(send());
        assertThat(exchange.response().statusCode()).isEqualTo(200);
        exchange.finish(true);
        upstream.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void should_hand_back_the_last_502_when_every_attempt_answered_502() throws Exception {
        upstream.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(502)));
        endpoint(upstream.baseUrl() + "/v1", "    retry: { max_attempts: 3, backoff_ms: 0 }\n");
        UpstreamExchange exchange = await(send());
        assertThat(exchange.response().statusCode()).isEqualTo(502);
        exchange.finish(false);
        upstream.verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void should_not_retry_when_the_upstream_answers_4xx() throws Exception {
        upstream.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(400)));
        endpoint(upstream.baseUrl() + "/v1", "    retry: { max_attempts: 3, backoff_ms: 0 }\n");
        UpstreamExchange exchange = await(send());
        assertThat(exchange.response().statusCode()).isEqualTo(400);
        exchange.finish(true);
        upstream.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void should_fail_with_a_connect_exception_when_every_attempt_is_refused() throws Exception {
        endpoint("http://127.0.0.1:" + closedPort() + "/v1", "    retry: { max_attempts: 2, backoff_ms: 0 }\n");
        assertThat(failure(send())).isInstanceOf(ConnectException.class);
        assertThat(endpoint.breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(2); // both attempts
    }

    @Test
    void should_refuse_calls_without_connecting_when_the_circuit_is_open() throws Exception {
        endpoint("http://127.0.0.1:" + closedPort() + "/v1", "    retry: { max_attempts: 1 }\n"
                + "    circuit_breaker: { failure_rate_threshold: 50, sliding_window: 2, minimum_calls: 2, open_ms: 60000 }\n");
        assertThat(failure(send())).isInstanceOf(ConnectException.class);
        assertThat(failure(send())).isInstanceOf(ConnectException.class);
        assertThat(endpoint.breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(failure(send())).isInstanceOf(CallNotPermittedException.class);
    }

    @Test
    void should_fail_with_a_timeout_when_no_response_headers_arrive_within_first_byte_ms() throws Exception {
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson("{}").withFixedDelay(3000)));
        endpoint(upstream.baseUrl() + "/v1", "    retry: { max_attempts: 1 }\n    timeouts: { first_byte_ms: 100 }\n");
        assertThat(failure(send())).isInstanceOf(TimeoutException.class);
    }

    @Test
    void should_refuse_a_call_past_max_concurrent_until_an_exchange_finishes() throws Exception {
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson("{}")));
        endpoint(upstream.baseUrl() + "/v1", "    max_concurrent: 1\n");
        UpstreamExchange first = await(send());
        assertThat(failure(send())).isInstanceOf(BulkheadFullException.class);
        first.finish(true);
        UpstreamExchange next = await(send());
        assertThat(next.response().statusCode()).isEqualTo(200);
        next.finish(true);
    }
}
