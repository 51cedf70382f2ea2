package dev.rampart.gateway.pipeline;

import static dev.rampart.gateway.pipeline.StageFixtures.chat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.gateway.config.ConfigLoader;
import dev.rampart.gateway.config.GatewayConfig;
import dev.rampart.gateway.http.ApiFault;
import dev.rampart.gateway.openai.Endpoint;
import dev.rampart.gateway.openai.ParsedRequest;
import io.vertx.core.AsyncResult;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stage 1 on real inbound requests: the body's bounds, strict JSON and validation, each failure a catalogued 4xx. */
class RequestBodyTest {
    private static Vertx vertx;
    private static Inbound inbound;
    private static RequestBody body;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        inbound = new Inbound(vertx);
        GatewayConfig.Server limits = ConfigLoader.parse("t.yaml", "server:\n  max_body_bytes: 1024\n",
                ConfigLoader.Overrides.NONE).config().server();
        body = new RequestBody(vertx, limits);
    }

    @AfterAll
    static void stop() {
        inbound.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private static AsyncResult<ParsedRequest> read(Endpoint endpoint, String json, boolean chunked) {
        return inbound.run(endpoint, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(json), chunked, body::read);
    }

    private static ApiFault fault(AsyncResult<?> result) {
        assertThat(result.failed()).as("the stage failed").isTrue();
        assertThat(result.cause()).isInstanceOf(ApiFault.class);
        return (ApiFault) result.cause();
    }

    @Test
    void should_parse_and_validate_a_chat_request_when_it_is_within_bounds() {
        AsyncResult<ParsedRequest> r = read(Endpoint.CHAT_COMPLETIONS, chat("hello there"), false);
        assertThat(r.succeeded()).isTrue();
        assertThat(r.result().model()).isEqualTo("m");
        assertThat(r.result().prompt().joined()).isEqualTo("hello there");
    }

    @Test
    void should_answer_413_when_the_declared_length_exceeds_the_limit() {
        ApiFault f = fault(read(Endpoint.CHAT_COMPLETIONS, chat("x".repeat(2000)), false));
        assertThat(f.status()).isEqualTo(413);
        assertThat(f.code()).isEqualTo("request_too_large");
        assertThat(f.getMessage()).contains("1024 bytes");
    }

    @Test
    void should_answer_413_when_a_chunked_body_grows_past_the_limit() {
        ApiFault f = fault(read(Endpoint.CHAT_COMPLETIONS, chat("x".repeat(2000)), true));
        assertThat(f.status()).isEqualTo(413);
        assertThat(f.code()).isEqualTo("request_too_large");
    }

    @Test
    void should_answer_400_invalid_json_when_the_body_is_not_json() {
        ApiFault f = fault(read(Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\",", false));
        assertThat(f.status()).isEqualTo(400);
        assertThat(f.code()).isEqualTo("invalid_json");
        assertThat(f.type()).isEqualTo("invalid_request_error");
    }

    @Test
    void should_name_the_param_when_the_request_fails_validation() {
        ApiFault f = fault(read(Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"x\"}],\"top_p\":-0.1}", false));
        assertThat(f.status()).isEqualTo(400);
        assertThat(f.param()).isEqualTo("top_p");
    }

    @Test
    void should_answer_415_when_the_content_type_is_not_json() {
        AsyncResult<ParsedRequest> r = inbound.run(Endpoint.CHAT_COMPLETIONS,
                MultiMap.caseInsensitiveMultiMap().set("content-type", "text/plain"), Buffer.buffer(chat("hi")), false,
                body::read);
        assertThat(fault(r).status()).isEqualTo(415);
    }
}
