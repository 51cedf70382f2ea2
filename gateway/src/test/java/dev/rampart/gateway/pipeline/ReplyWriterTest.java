package dev.rampart.gateway.pipeline;

import static dev.rampart.gateway.pipeline.StageFixtures.JSON;
import static dev.rampart.gateway.pipeline.StageFixtures.POLICY;
import static dev.rampart.gateway.pipeline.StageFixtures.admitted;
import static dev.rampart.gateway.pipeline.StageFixtures.chat;
import static dev.rampart.gateway.pipeline.StageFixtures.guard;
import static dev.rampart.gateway.pipeline.StageFixtures.object;
import static dev.rampart.gateway.pipeline.StageFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rampart.gateway.config.ConfigLoader;
import dev.rampart.gateway.http.ApiError;
import dev.rampart.gateway.http.ApiFault;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.gateway.openai.Endpoint;
import dev.rampart.gateway.openai.Replies;
import dev.rampart.gateway.policy.GuardState;
import dev.rampart.gateway.policy.Verdict;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.Direction;
import dev.rampart.policy.Policy;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.net.ConnectException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Stage 9 as the client sees it: JSON replies, catalogued errors, short event streams and the decision headers. */
class ReplyWriterTest {
    private static final Policy POLICY_IN_FORCE = policy(POLICY);
    private static final GuardState GUARD = guard(POLICY_IN_FORCE);
    private static Vertx vertx;
    private static Inbound inbound;
    private static ReplyWriter writer;
    private static GatewayMetrics metrics;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        inbound = new Inbound(vertx);
        metrics = new GatewayMetrics();
        writer = new ReplyWriter(metrics, ConfigLoader.defaults().config().server());
    }

    @AfterAll
    static void stop() {
        inbound.close();
        StageFixtures.await(vertx.close());
    }

    private static Verdict verdict(double s1) {
        List<ClassifierScores> scores = List.of(ClassifierScores.ok("patterns", Map.of("S1", s1), List.of(),
                List.of("S1")));
        return new Verdict(POLICY_IN_FORCE.decide(Direction.PROMPT, 0, scores), scores);
    }

    /** Sends a request whose reply is the outcome built from its admitted call. */
    private static Inbound.Reply reply(Verdict prompt, Function<Admitted, Outcome.Reply> reply) {
        return inbound.exchange("/v1/chat/completions", MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(chat("hi")),
                false, request -> {
                    Admitted a = admitted(ClientCall.start(Endpoint.CHAT_COMPLETIONS, request), chat("hi"), GUARD);
                    writer.send(new Outcome(a, prompt, null, null, null, reply.apply(a)));
                });
    }

    private static JsonNode json(Inbound.Reply r) {
        try {
            return JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    @Test
    void should_send_the_json_body_and_the_decision_headers_when_the_reply_is_json() {
        Inbound.Reply r = reply(verdict(0.0), a -> new Outcome.Json(200, object(StageFixtures.reply("hello"))));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("content-type")).isEqualTo("application/json");
        assertThat(json(r).path("choices").path(0).path("message").path("content").asText()).isEqualTo("hello");
        assertThat(r.headers().get("x-rampart-decision")).isEqualTo("allow");
        assertThat(r.headers().get("x-rampart-policy-revision")).isEqualTo(POLICY_IN_FORCE.revision());
        assertThat(r.headers().get("x-rampart-request-id")).isNotBlank();
        assertThat(r.headers().contains("x-rampart-categories")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = ApiError.class, mode = EnumSource.Mode.EXCLUDE, names = "UPSTREAM_REJECTED")
    void should_send_the_catalogue_status_type_and_code_when_the_reply_is_an_error(ApiError error) {
        Inbound.Reply r = reply(verdict(0.0), a -> new Outcome.Error(ApiFault.of(error)));
        assertThat(r.status()).isEqualTo(error.status());
        JsonNode body = json(r).path("error");
        assertThat(body.path("type").asText()).isEqualTo(error.type().wireName());
        assertThat(body.path("code").asText()).isEqualTo(error.code());
        assertThat(body.path("message").asText()).isEqualTo(error.defaultMessage());
        assertThat(body.has("param")).isTrue();
        assertThat(body.path("param").isNull()).isTrue();
    }

    @Test
    void should_name_the_fired_categories_in_the_headers_when_the_prompt_was_blocked() {
        Inbound.Reply r = reply(verdict(1.0), a -> new Outcome.Error(ApiFault.of(ApiError.CONTENT_FILTER, "no weapons here")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.headers().get("x-rampart-decision")).isEqualTo("block");
        assertThat(r.headers().get("x-rampart-categories")).isEqualTo("S1");
        assertThat(json(r).path("error").path("message").asText()).isEqualTo("no weapons here");
    }

    @Test
    void should_write_an_event_stream_ending_in_done_when_the_reply_is_events() {
        Replies replies = new Replies(Clock.systemUTC());
        Inbound.Reply r = reply(verdict(1.0), a -> new Outcome.Events(
                replies.refusalEvents(Endpoint.CHAT_COMPLETIONS, a.id(), "m", "no weapons here")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("content-type")).startsWith("text/event-stream");
        assertThat(r.body()).startsWith("data: {").contains("no weapons here").endsWith("data: [DONE]\n\n");
    }

    @Test
    void should_map_the_failure_through_the_fault_table_when_the_request_failed_before_a_decision() {
        Inbound.Reply r = inbound.exchange("/v1/chat/completions", MultiMap.caseInsensitiveMultiMap(),
                Buffer.buffer(chat("hi")), false, request -> writer.fail(ClientCall.start(Endpoint.CHAT_COMPLETIONS,
                        request), new ConnectException("refused")));
        assertThat(r.status()).isEqualTo(502);
        assertThat(json(r).path("error").path("code").asText()).isEqualTo("upstream_unreachable");
        assertThat(r.body()).doesNotContain("ConnectException").doesNotContain("refused");
    }
}
