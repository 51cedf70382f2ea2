package dev.rampart.classifier.remote;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.rampart.classifier.ClassificationInput;
import dev.rampart.policy.Category;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.ClassifierStatus;
import dev.rampart.policy.Direction;
import dev.rampart.policy.PolicyLoadResult;
import dev.rampart.policy.PolicyLoader;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The moderation classifier against WireMock answering as OpenAI's {@code /v1/moderations}. */
class OpenAiModerationClassifierTest {
    private static final List<Category> TAXONOMY =
            ((PolicyLoadResult.Loaded) PolicyLoader.loadDefault()).policy().categories();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "classifiers.remote[2]";
    private static WireMockServer server;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private static Map<String, Object> yaml(Object... more) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "openai_moderation");
        m.put("base_url", "http://127.0.0.1:" + server.port() + "/v1");
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    private static OpenAiModerationClassifier classifier(Object... more) {
        return new OpenAiModerationClassifier(OpenAiModerationConfig.parse(yaml(more), PATH), TAXONOMY,
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                Map.of("MOD_KEY", "sk-test-123")::get, Clock.systemUTC());
    }

    private static ClassifierScores classify(OpenAiModerationClassifier c, String text) {
        return c.classify(ClassificationInput.of(Direction.PROMPT, text)).toCompletableFuture().join();
    }

    private static void answer(String body) {
        server.stubFor(post(urlEqualTo("/v1/moderations")).willReturn(okJson(body)));
    }

    private static List<JsonNode> requests() throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (LoggedRequest r : server.findAll(postRequestedFor(urlEqualTo("/v1/moderations")))) {
            out.add(JSON.readTree(r.getBodyAsString()));
        }
        return out;
    }

    @Test
    void should_score_each_taxonomy_category_as_the_highest_of_its_packs_openai_categories() throws Exception {
        answer(Moderation.reply(Map.of("hate", 0.83, "violence", 0.31, "illicit", 0.12, "self-harm", 0.6)));
        try (OpenAiModerationClassifier c = classifier("model", "omni-moderation-latest", "api_key_env", "MOD_KEY")) {
            ClassifierScores s = classify(c, "some text");
            assertThat(s.status()).isEqualTo(ClassifierStatus.OK);
            assertThat(s.scores()).containsEntry("S10", 0.83)   // [hate]
                    .containsEntry("S1", 0.31)                   // [violence, illicit, illicit/violent]
                    .containsEntry("S9", 0.12)                   // [illicit, illicit/violent]
                    .containsEntry("S11", 0.6);                  // [self-harm]
            assertThat(c.covers()).containsExactlyElementsOf(TAXONOMY.stream()
                    .filter(cat -> !cat.openaiCategories().isEmpty()).map(Category::id).toList());
            JsonNode body = requests().get(0);
            assertThat(body.path("model").asText()).isEqualTo("omni-moderation-latest");
            assertThat(body.path("input").isArray()).isTrue();
            assertThat(body.path("input").get(0).asText()).isEqualTo("some text");
            server.verify(postRequestedFor(urlEqualTo("/v1/moderations"))
                    .withHeader("Authorization", equalTo("Bearer sk-test-123")));
        }
    }

    @Test
    void should_use_the_explicit_categories_instead_of_the_packs_mapping() {
        answer(Moderation.reply(Map.of("harassment", 0.7, "hate", 0.2)));
        try (OpenAiModerationClassifier c = classifier("categories",
                Map.of("S10", List.of("hate", "harassment")))) {
            ClassifierScores s = classify(c, "some text");
            assertThat(c.covers()).containsExactly("S10");
            assertThat(s.scores()).containsExactly(Map.entry("S10", 0.7));
        }
    }

    @Test
    void should_send_long_text_as_one_batched_request_and_keep_each_categorys_highest_score() throws Exception {
        answer(Moderation.reply(List.of(Map.of("hate", 0.1), Map.of("hate", 0.9, "sexual", 0.4), Map.of("sexual", 0.2))));
        try (OpenAiModerationClassifier c = classifier("max_input_chars", 100)) {
            ClassifierScores s = classify(c, "a".repeat(100) + "b".repeat(100) + "c".repeat(50));
            assertThat(s.status()).isEqualTo(ClassifierStatus.OK);
            assertThat(s.scores()).containsEntry("S10", 0.9).containsEntry("S12", 0.4);
            List<JsonNode> sent = requests();
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0).path("input")).hasSize(3);
            assertThat(sent.get(0).path("input").get(1).asText()).isEqualTo("b".repeat(100));
            assertThat(sent.get(0).has("model")).isFalse();
        }
    }

    @Test
    void should_answer_an_error_without_calling_when_the_text_needs_more_chunks_than_allowed() throws Exception {
        answer(Moderation.reply(Map.of()));
        try (OpenAiModerationClassifier c = classifier("max_input_chars", 100, "max_chunks", 2)) {
            ClassifierScores s = classify(c, "x".repeat(201));
            assertThat(s.status()).isEqualTo(ClassifierStatus.ERROR);
            assertThat(s.error()).contains("3 chunks").contains("max_chunks 2");
            assertThat(requests()).isEmpty();
        }
    }

    @Test
    void should_score_empty_text_zero_without_calling() throws Exception {
        try (OpenAiModerationClassifier c = classifier()) {
            ClassifierScores s = classify(c, "");
            assertThat(s.status()).isEqualTo(ClassifierStatus.OK);
            assertThat(s.scores().values()).containsOnly(0.0);
            assertThat(requests()).isEmpty();
        }
    }

    @Test
    void should_answer_an_error_status_not_a_decision_when_the_endpoint_fails() {
        server.stubFor(post(urlEqualTo("/v1/moderations"))
                .willReturn(aResponse().withStatus(429).withBody("{\"error\":{\"message\":\"slow down\"}}")));
        try (OpenAiModerationClassifier c = classifier()) {
            ClassifierScores s = classify(c, "text");
            assertThat(s.status()).isEqualTo(ClassifierStatus.ERROR);
            assertThat(s.error()).isEqualTo("moderation endpoint answered HTTP 429");
            assertThat(s.covers()).contains("S1", "S10");
        }
    }

    @Test
    void should_answer_an_error_for_an_unreadable_or_incomplete_answer() {
        try (OpenAiModerationClassifier c = classifier("categories", Map.of("S10", List.of("hat")))) {
            answer("not json");
            assertThat(classify(c, "text").error()).isEqualTo("moderation answer is not JSON");
            answer(Moderation.reply(Map.of(), Map.of()));
            assertThat(classify(c, "text").error()).isEqualTo("moderation answer must have 1 results");
            answer(Moderation.reply(Map.of()));
            assertThat(classify(c, "text").error()).isEqualTo("moderation result has no numeric score for 'hat'");
        }
        try (OpenAiModerationClassifier c = classifier()) {
            answer(Moderation.reply(Map.of("hate", 1.5)));
            assertThat(classify(c, "text").error()).isEqualTo("moderation score for 'hate' is outside [0, 1]");
        }
    }

    @Test
    void should_time_out_a_slow_endpoint_with_an_error() {
        server.stubFor(post(urlEqualTo("/v1/moderations"))
                .willReturn(okJson(Moderation.reply(Map.of())).withFixedDelay(3_000)));
        try (OpenAiModerationClassifier c = classifier("timeout_ms", 250)) {
            ClassifierScores s = classify(c, "text");
            assertThat(s.status()).isEqualTo(ClassifierStatus.ERROR);
            assertThat(s.error()).isEqualTo("timed out after 250 ms");
        }
    }

    @Test
    void should_report_every_configuration_problem_with_its_path() {
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("type", "openai_moderation");
        bad.put("base_url", 42);
        bad.put("categories", Map.of("S10", "hate"));
        bad.put("max_chunks", 0);
        bad.put("timeout_ms", 0);
        bad.put("colour", "blue");
        assertThatThrownBy(() -> OpenAiModerationConfig.parse(bad, PATH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(PATH + ".colour: unknown key")
                .hasMessageContaining(PATH + ".base_url: must be a string")
                .hasMessageContaining(PATH + ".categories.S10: must be a list of moderation category names")
                .hasMessageContaining(PATH + ".max_chunks: must be at least 1, but was 0")
                .hasMessageContaining(PATH + ".timeout_ms: must be at least 1, but was 0");
        assertThatThrownBy(() -> OpenAiModerationConfig.parse(yaml("base_url", "ftp://x", "api_key_env", "1X"), PATH))
                .hasMessageContaining(PATH + ": invalid openai_moderation configuration")
                .hasMessageContaining("base_url must be an http or https URL")
                .hasMessageContaining("api_key_env must be an environment variable name, but was '1X'");
    }

    @Test
    void should_refuse_a_mapping_outside_the_taxonomy_and_an_unset_key_variable() {
        OpenAiModerationConfig unknown = OpenAiModerationConfig.parse(
                yaml("categories", Map.of("S99", List.of("hate"))), PATH);
        assertThatThrownBy(() -> unknown.classifierFor(TAXONOMY))
                .hasMessageContaining("categories [S99] are not in the policy's taxonomy");
        OpenAiModerationConfig keyed = OpenAiModerationConfig.parse(yaml("api_key_env", "NOT_SET_ANYWHERE"), PATH);
        assertThatThrownBy(() -> new OpenAiModerationClassifier(keyed, TAXONOMY, HttpClient.newHttpClient(),
                Map.<String, String>of()::get, Clock.systemUTC()))
                .hasMessageContaining("api_key_env names NOT_SET_ANYWHERE");
        List<Category> unmapped = TAXONOMY.stream().map(cat -> new Category(cat.id(), cat.name(),
                cat.description(), cat.examples(), cat.patterns(), List.of())).toList();
        assertThatThrownBy(() -> OpenAiModerationConfig.parse(yaml(), PATH).classifierFor(unmapped))
                .hasMessageContaining("no taxonomy category is mapped");
    }
}
