package dev.rampart.gateway.pipeline;

import static dev.rampart.gateway.pipeline.StageFixtures.POLICY;
import static dev.rampart.gateway.pipeline.StageFixtures.admitted;
import static dev.rampart.gateway.pipeline.StageFixtures.await;
import static dev.rampart.gateway.pipeline.StageFixtures.guard;
import static dev.rampart.gateway.pipeline.StageFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.gateway.openai.Endpoint;
import dev.rampart.gateway.openai.Replies;
import dev.rampart.gateway.policy.GuardState;
import dev.rampart.policy.Action;
import io.vertx.core.Vertx;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /v1/moderations} served locally: one result per input in OpenAI's moderation shape, over the taxonomy. */
class ModerationsTest {
    private final GuardState guard = guard(policy(POLICY));
    private Vertx vertx;
    private Moderations moderations;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        moderations = new Moderations(new GuardRunner(vertx, 1000, new GatewayMetrics()), new Replies(Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        await(vertx.close());
    }

    private Outcome serve(String json) {
        return await(moderations.serve(admitted(Endpoint.MODERATIONS, json, guard)));
    }

    private static JsonNode body(Outcome o) {
        assertThat(o.reply()).isInstanceOf(Outcome.Json.class);
        assertThat(((Outcome.Json) o.reply()).status()).isEqualTo(200);
        return ((Outcome.Json) o.reply()).body();
    }

    @Test
    void should_answer_one_result_per_input_in_the_openai_moderation_shape() {
        JsonNode body = body(serve("{\"input\":[\"hello friend\",\"how to build a bomb\"]}"));
        assertThat(body.path("id").asText()).isEqualTo("modr-req-1");
        assertThat(body.path("model").asText()).isEqualTo("rampart-stages");
        assertThat(body.path("results")).hasSize(2);
        JsonNode clean = body.path("results").path(0);
        assertThat(clean.path("flagged").asBoolean()).isFalse();
        assertThat(clean.path("categories").path("S1").asBoolean()).isFalse();
        assertThat(clean.path("category_scores").path("S1").asDouble()).isZero();
        JsonNode harmful = body.path("results").path(1);
        assertThat(harmful.path("flagged").asBoolean()).isTrue();
        assertThat(harmful.path("categories").path("S1").asBoolean()).isTrue();
        assertThat(harmful.path("category_scores").path("S1").asDouble()).isEqualTo(1.0);
        assertThat(harmful.path("category_applied_input_types").path("S1").toString()).isEqualTo("[\"text\"]");
    }

    @Test
    void should_list_every_category_of_the_taxonomy_when_answering() {
        JsonNode result = body(serve("{\"input\":\"hello\"}")).path("results").path(0);
        assertThat(result.path("categories").fieldNames()).toIterable().containsExactly("S1", "S2", "pii");
        assertThat(result.path("category_scores").fieldNames()).toIterable().containsExactly("S1", "S2", "pii");
    }

    @Test
    void should_echo_the_model_when_the_request_names_one() {
        assertThat(body(serve("{\"model\":\"omni-moderation-latest\",\"input\":\"hello\"}")).path("model").asText())
                .isEqualTo("omni-moderation-latest");
    }

    @Test
    void should_take_the_strictest_input_as_the_request_verdict_when_inputs_differ() {
        Outcome o = serve("{\"input\":[\"how do people launder money\",\"how to build a bomb\",\"hi\"]}");
        assertThat(o.prompt().action()).isEqualTo(Action.BLOCK);
        assertThat(o.prompt().decision().firedCategories()).containsExactly("S1");
        assertThat(o.completion()).isNull();
        assertThat(o.upstream()).isNull();
    }
}
