package dev.rampart.classifier.remote;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
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

/** The generic JSON guard against WireMock. */
class HttpGuardClassifierTest {
    private static final List<Category> TAXONOMY =
            ((PolicyLoadResult.Loaded) PolicyLoader.loadDefault()).policy().categories();
    private static final String PATH = "classifiers.remote[3]";
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
        m.put("type", "http");
        m.put("url", "http://127.0.0.1:" + server.port() + "/guard");
        m.put("request_template", "{\"text\": \"${text}\", \"meta\": [\"lang=${text}\"], \"fixed\": 1}");
        m.put("scores", Map.of("S1", "/result/violence", "S10", "/result/hate"));
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    private static HttpGuardClassifier classifier(Object... more) {
        return new HttpGuardClassifier(HttpGuardConfig.parse(yaml(more), PATH), TAXONOMY,
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                Map.of("GUARD_TOKEN", "tok-1", "TEAM_SECRET", "s3cret")::get, Clock.systemUTC());
    }

    private static ClassifierScores classify(HttpGuardClassifier c, String text) {
        return c.classify(ClassificationInput.of(Direction.PROMPT, text)).toCompletableFuture().join();
    }

    private static void answer(String body) {
        server.stubFor(post(urlEqualTo("/guard")).willReturn(okJson(body)));
    }

    @Test
    void should_send_the_text_json_escaped_in_the_template_and_read_scores_at_their_pointers() {
        answer("{\"result\": {\"violence\": 0.72, \"hate\": true}}");
        String text = "say \"hi\"\n\\ ${text} }";
        try (HttpGuardClassifier c = classifier()) {
            ClassifierScores s = classify(c, text);
            assertThat(s.status()).isEqualTo(ClassifierStatus.OK);
            assertThat(s.scores()).containsOnly(Map.entry("S1", 0.72), Map.entry("S10", 1.0));
        }
        server.verify(postRequestedFor(urlEqualTo("/guard")).withRequestBody(equalToJson(
                "{\"text\": \"say \\\"hi\\\"\\n\\\\ ${text} }\", \"meta\": [\"lang=say \\\"hi\\\"\\n\\\\ ${text} }\"],"
                        + " \"fixed\": 1}")));
    }

    @Test
    void should_send_literal_headers_and_secrets_from_the_environment() {
        answer("{\"result\": {\"violence\": 0, \"hate\": false}}");
        try (HttpGuardClassifier c = classifier("headers", Map.of("X-Team", "search"),
                "header_env", Map.of("X-Api-Key", "TEAM_SECRET"), "api_key_env", "GUARD_TOKEN")) {
            assertThat(classify(c, "hello").scores()).containsOnly(Map.entry("S1", 0.0), Map.entry("S10", 0.0));
        }
        server.verify(postRequestedFor(urlEqualTo("/guard")).withHeader("X-Team", equalTo("search"))
                .withHeader("X-Api-Key", equalTo("s3cret")).withHeader("Authorization", equalTo("Bearer tok-1")));
    }

    @Test
    void should_send_one_request_per_chunk_and_keep_each_categorys_highest_score() {
        server.stubFor(post(urlEqualTo("/guard")).atPriority(5)
                .willReturn(okJson("{\"result\": {\"violence\": 0.1, \"hate\": 0.2}}")));
        server.stubFor(post(urlEqualTo("/guard")).atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("bbbb"))
                .willReturn(okJson("{\"result\": {\"violence\": 0.8, \"hate\": 0.05}}")));
        try (HttpGuardClassifier c = classifier("max_input_chars", 100)) {
            ClassifierScores s = classify(c, "a".repeat(100) + "b".repeat(60));
            assertThat(s.scores()).containsOnly(Map.entry("S1", 0.8), Map.entry("S10", 0.2));
        }
        server.verify(2, postRequestedFor(urlEqualTo("/guard")));
    }

    @Test
    void should_answer_an_error_status_for_a_failed_call_or_an_unreadable_answer() {
        try (HttpGuardClassifier c = classifier()) {
            server.stubFor(post(urlEqualTo("/guard")).willReturn(aResponse().withStatus(502)));
            assertThat(classify(c, "x").error()).isEqualTo("guard answered HTTP 502");
            answer("{\"result\": {\"violence\": 0.3}}");
            ClassifierScores missing = classify(c, "x");
            assertThat(missing.status()).isEqualTo(ClassifierStatus.ERROR);
            assertThat(missing.error()).isEqualTo("guard answer has no number or boolean at /result/hate");
            answer("{\"result\": {\"violence\": \"high\", \"hate\": 0}}");
            assertThat(classify(c, "x").error()).isEqualTo("guard answer has no number or boolean at /result/violence");
            answer("{\"result\": {\"violence\": 7, \"hate\": 0}}");
            assertThat(classify(c, "x").error()).isEqualTo("guard score at /result/violence is outside [0, 1]");
            answer("<html>");
            assertThat(classify(c, "x").error()).isEqualTo("guard answer is not JSON");
        }
    }

    @Test
    void should_time_out_a_slow_guard_with_an_error() {
        server.stubFor(post(urlEqualTo("/guard"))
                .willReturn(okJson("{\"result\": {\"violence\": 0, \"hate\": 0}}").withFixedDelay(3_000)));
        try (HttpGuardClassifier c = classifier("timeout_ms", 250)) {
            ClassifierScores s = classify(c, "x");
            assertThat(s.status()).isEqualTo(ClassifierStatus.ERROR);
            assertThat(s.error()).isEqualTo("timed out after 250 ms");
        }
    }

    @Test
    void should_report_every_configuration_problem_with_its_path() {
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("type", "http");
        bad.put("request_template", "{\"text\": \"no placeholder\"}");
        bad.put("scores", Map.of("S1", "result/violence"));
        bad.put("headers", Map.of("Authorization", "Bearer sk-oops"));
        bad.put("header_env", Map.of("X-Key", "not a name", "Host", "HOST_VAR"));
        bad.put("max_input_chars", 10);
        bad.put("retries", 3);
        assertThatThrownBy(() -> HttpGuardConfig.parse(bad, PATH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(PATH + ".retries: unknown key")
                .hasMessageContaining(PATH + ".url: is required")
                .hasMessageContaining(PATH + ".request_template: must contain the ${text} placeholder")
                .hasMessageContaining(PATH + ".scores.S1: must be a JSON pointer starting with '/'")
                .hasMessageContaining(PATH + ".headers.Authorization: carries a credential")
                .hasMessageContaining(PATH + ".header_env.X-Key: must be an environment variable name")
                .hasMessageContaining(PATH + ".header_env.Host: is set by Rampart and cannot be configured")
                .hasMessageContaining(PATH + ".max_input_chars: must be at least 100, but was 10");
        assertThatThrownBy(() -> HttpGuardConfig.parse(yaml("request_template", "{not json"), PATH))
                .hasMessageContaining(PATH + ".request_template: must be JSON");
        assertThatThrownBy(() -> HttpGuardConfig.parse(yaml("scores", null), PATH))
                .hasMessageContaining(PATH + ".scores: is required");
    }

    @Test
    void should_refuse_scores_outside_the_taxonomy_and_unset_header_variables() {
        assertThatThrownBy(() -> HttpGuardConfig.parse(yaml("scores", Map.of("S42", "/x")), PATH)
                .classifierFor(TAXONOMY)).hasMessageContaining("scores [S42] are not in the policy's taxonomy");
        assertThatThrownBy(() -> classifier("header_env", Map.of("X-Api-Key", "UNSET_VARIABLE")))
                .hasMessageContaining("header_env.X-Api-Key names UNSET_VARIABLE");
    }
}
