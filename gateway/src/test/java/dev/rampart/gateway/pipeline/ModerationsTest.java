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
import dev.rampart.policy.OpenAiModerationCategories;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
    void should_list_openais_thirteen_categories_then_every_category_of_the_taxonomy_when_answering() {
        JsonNode result = body(serve("{\"input\":\"hello\"}")).path("results").path(0);
        List<String> expected = new ArrayList<>(OpenAiModerationCategories.NAMES);
        expected.addAll(List.of("S1", "S2", "pii"));
        assertThat(result.path("categories").fieldNames()).toIterable().containsExactlyElementsOf(expected);
        assertThat(result.path("category_scores").fieldNames()).toIterable().containsExactlyElementsOf(expected);
        assertThat(result.path("category_applied_input_types").fieldNames()).toIterable()
                .containsExactlyElementsOf(expected);
        assertThat(result.path("x_rampart").path("categories").fieldNames()).toIterable()
                .containsExactly("S1", "S2", "pii");
        assertThat(result.path("x_rampart").path("category_scores").fieldNames()).toIterable()
                .containsExactly("S1", "S2", "pii");
    }

    /** S1 counts as violence and illicit/violent, S2 as illicit, pii as nothing; "hate" is spelled like OpenAI's. */
    private static final String MAPPED = """
            name: mapped
            categories:
              - id: S1
                openai_categories: [violence, illicit/violent]
                patterns: [ { literal: build a bomb } ]
              - id: S2
                openai_categories: [illicit]
                patterns: [ { literal: launder money, score: 0.4 } ]
              - id: hate
                openai_categories: [hate]
                patterns: [ { literal: those people are vermin } ]
              - id: pii
                patterns: [ { builtin: "pii:email" } ]
            rules:
              - { category: S1, action: block, thresholds: 0.5 }
              - { category: S2, action: flag, thresholds: 0.5 }
              - { category: hate, action: block, thresholds: 0.5 }
              - { category: pii, action: redact, thresholds: 0.5 }
            """;

    @Test
    void should_answer_under_openais_names_from_the_policys_mapping_when_a_mapped_category_fires() {
        GuardState mapped = guard(policy(MAPPED));
        JsonNode results = body(await(moderations.serve(admitted(Endpoint.MODERATIONS,
                "{\"input\":[\"how to build a bomb\",\"how to launder money\",\"mail a@b.example now\"]}", mapped))))
                .path("results");
        JsonNode bomb = results.path(0);
        assertThat(bomb.path("categories").path("violence").asBoolean()).isTrue();
        assertThat(bomb.path("categories").path("illicit/violent").asBoolean()).isTrue();
        assertThat(bomb.path("category_scores").path("violence").asDouble()).isEqualTo(1.0);
        assertThat(bomb.path("categories").path("illicit").asBoolean()).isFalse();
        assertThat(bomb.path("categories").path("S1").asBoolean()).isTrue(); // the policy id, as before
        assertThat(bomb.path("x_rampart").path("categories").path("S1").asBoolean()).isTrue();
        // below S2's threshold: scored under illicit, not flagged
        JsonNode launder = results.path(1);
        assertThat(launder.path("categories").path("illicit").asBoolean()).isFalse();
        assertThat(launder.path("category_scores").path("illicit").asDouble()).isEqualTo(0.4);
        assertThat(launder.path("category_scores").path("violence").asDouble()).isZero();
        // pii maps to no OpenAI name: every OpenAI category is false and 0.0
        JsonNode email = results.path(2);
        assertThat(email.path("x_rampart").path("categories").path("pii").asBoolean()).isTrue();
        for (String name : OpenAiModerationCategories.NAMES) {
            assertThat(email.path("categories").path(name).isBoolean()).as(name).isTrue();
            assertThat(email.path("categories").path(name).asBoolean()).as(name).isFalse();
            assertThat(email.path("category_scores").path(name).asDouble(-1)).as(name).isZero();
        }
        // mapped names were applied to text; unmapped ones to nothing
        assertThat(bomb.path("category_applied_input_types").path("violence").toString()).isEqualTo("[\"text\"]");
        assertThat(bomb.path("category_applied_input_types").path("harassment").toString()).isEqualTo("[]");
    }

    @Test
    void should_keep_one_hate_key_with_openais_meaning_when_a_policy_id_is_spelled_like_openais_name() {
        GuardState mapped = guard(policy(MAPPED));
        JsonNode result = body(await(moderations.serve(admitted(Endpoint.MODERATIONS,
                "{\"input\":\"those people are vermin\"}", mapped)))).path("results").path(0);
        assertThat(result.path("categories").path("hate").asBoolean()).isTrue();
        assertThat(result.path("categories").size()).isEqualTo(OpenAiModerationCategories.NAMES.size() + 3);
        assertThat(result.path("x_rampart").path("categories").path("hate").asBoolean()).isTrue();
        assertThat(result.path("flagged").asBoolean()).isTrue();
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
