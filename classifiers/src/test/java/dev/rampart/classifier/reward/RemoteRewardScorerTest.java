package dev.rampart.classifier.reward;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.rampart.classifier.reward.RewardFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.rampart.classifier.ClassificationInput.Turn;
import dev.rampart.classifier.TestClock;
import dev.rampart.classifier.runtime.ResilienceSettings;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RemoteRewardScorerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NEMOTRON_340B = "nvidia/nemotron-4-340b-reward";
    private static final String NEMOTRON_70B = "nvidia/llama-3.1-nemotron-70b-reward";
    private static final String SKYWORK = "Skywork/Skywork-Reward-V2-Llama-3.1-8B";
    private static final String PROMPT = "I am going to Paris, what should I see?";
    private static final String RESPONSE = "The Louvre, the Eiffel Tower and Montmartre are the classics.";
    private static final RewardInput INPUT = RewardInput.of(PROMPT, RESPONSE);
    /** Started once on a port the OS picks, reset before each test. */
    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    private static RewardConfig.Builder nvidia() {
        return RewardConfig.builder(RewardConfig.Type.NVIDIA, url("/v1/chat/completions")).name("helpsteer")
                .model(NEMOTRON_340B);
    }

    private static RewardConfig.Builder pooling() {
        return RewardConfig.builder(RewardConfig.Type.VLLM_POOLING, url("/pooling")).name("skywork");
    }

    private static RewardConfig.Builder classify() {
        return RewardConfig.builder(RewardConfig.Type.VLLM_CLASSIFY, url("/classify")).name("skywork").model(SKYWORK);
    }

    private static RewardConfig.Builder custom() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("helpfulness", "/scores/helpfulness");
        fields.put("verbosity", "/scores/verbosity");
        return RewardConfig.builder(RewardConfig.Type.JSON, url("/custom")).name("custom").model("rm-2024-09")
                .requestTemplate("{\"model\":\"{model}\",\"input\":{\"question\":\"{prompt}\",\"answer\":\"{response}\"},"
                        + "\"options\":{\"return\":[\"helpfulness\",\"verbosity\"]}}")
                .fields(fields);
    }

    private static RemoteRewardScorer scorer(RewardConfig config) {
        return scorer(config, Clock.systemUTC());
    }

    private static RemoteRewardScorer scorer(RewardConfig config, Clock clock) {
        return new RemoteRewardScorer(config, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                Map.of("RM_KEY", "test-key-123")::get, clock);
    }

    private static RewardScores score(RewardScorer scorer, RewardInput input) {
        return scorer.score(input).toCompletableFuture().join();
    }

    private static void answer(String path, String fixtureName) {
        server.stubFor(post(urlEqualTo(path)).willReturn(okJson(fixture(fixtureName))));
    }

    private static JsonNode onlyRequest(String path) throws Exception {
        var logged = server.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(logged).hasSize(1);
        return JSON.readTree(logged.get(0).getBodyAsString());
    }

    private static ResilienceSettings settings(Duration timeout, int maxConcurrent) {
        return new ResilienceSettings(timeout, maxConcurrent, 50, 20, 10, Duration.ofSeconds(15));
    }

    @Test
    void should_read_every_helpsteer2_attribute_from_nvidia_logprobs() {
        answer("/v1/chat/completions", "nvidia-nemotron-4-340b-reward.json");
        try (RemoteRewardScorer s = scorer(nvidia().build())) {
            RewardScores r = score(s, INPUT);
            assertThat(r.status()).isEqualTo(RewardScores.Status.SCORED);
            assertThat(r.scorer()).isEqualTo("helpsteer");
            assertThat(r.error()).isNull();
            assertThat(r.attributes()).containsExactly(entry("helpfulness", 3.109375), entry("correctness", 3.171875),
                    entry("coherence", 3.796875), entry("complexity", 1.59375), entry("verbosity", 1.9296875));
            assertThat(r.latency()).isNotNull();
        }
    }

    @Test
    void should_read_a_scalar_reward_from_an_nvidia_style_reply() {
        answer("/v1/chat/completions", "nvidia-llama-3.1-nemotron-70b-reward.json");
        try (RemoteRewardScorer s = scorer(nvidia().model(NEMOTRON_70B).attributes(List.of("reward")).build())) {
            RewardScores r = score(s, INPUT);
            assertThat(r.attributes()).containsExactly(entry("reward", -3.28125));
            assertThat(r.attribute("reward")).hasValue(-3.28125);
        }
    }

    @Test
    void should_send_the_prompt_and_the_response_in_the_user_and_assistant_roles() {
        answer("/v1/chat/completions", "nvidia-nemotron-4-340b-reward.json");
        RewardInput input = new RewardInput(PROMPT, RESPONSE, List.of(new Turn("system", "Be brief."),
                new Turn("user", "Hi"), new Turn("assistant", "Hello! How can I help?")));
        try (RemoteRewardScorer s = scorer(nvidia().build())) {
            assertThat(score(s, input).isScored()).isTrue();
        }
        server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"model\":\"" + NEMOTRON_340B + "\",\"messages\":["
                        + "{\"role\":\"system\",\"content\":\"Be brief.\"},"
                        + "{\"role\":\"user\",\"content\":\"Hi\"},"
                        + "{\"role\":\"assistant\",\"content\":\"Hello! How can I help?\"},"
                        + "{\"role\":\"user\",\"content\":\"" + PROMPT + "\"},"
                        + "{\"role\":\"assistant\",\"content\":\"" + RESPONSE + "\"}]}")));
    }

    @Test
    void should_send_the_api_key_from_the_named_environment_variable() {
        answer("/v1/chat/completions", "nvidia-nemotron-4-340b-reward.json");
        try (RemoteRewardScorer s = scorer(nvidia().apiKeyEnv("RM_KEY").build())) {
            score(s, INPUT);
        }
        server.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer test-key-123")));
        assertThatThrownBy(() -> scorer(nvidia().apiKeyEnv("MISSING_KEY").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("api_key_env names MISSING_KEY, but that environment variable is not set");
    }

    @Test
    void should_return_the_raw_pooling_logit_without_softmax() {
        answer("/pooling", "vllm-pooling-scalar.json");
        try (RemoteRewardScorer s = scorer(pooling().build())) {
            RewardScores r = score(s, INPUT);
            assertThat(r.attributes()).containsExactly(entry("reward", -3.2));
        }
        // no model configured: vLLM uses the one it serves
        server.verify(postRequestedFor(urlEqualTo("/pooling")).withRequestBody(equalToJson(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"},"
                        + "{\"role\":\"assistant\",\"content\":\"" + RESPONSE + "\"}]}")));
    }

    @Test
    void should_read_a_per_token_pooling_reply_at_its_last_token() {
        answer("/pooling", "vllm-pooling-per-token.json");
        try (RemoteRewardScorer s = scorer(pooling().build())) {
            assertThat(score(s, INPUT).attributes()).containsExactly(entry("reward", -3.2));
        }
    }

    @Test
    void should_map_a_multi_output_head_to_the_attributes_in_order() {
        answer("/pooling", "vllm-pooling-helpsteer2.json");
        try (RemoteRewardScorer s = scorer(pooling().attributes(RewardConfig.HELPSTEER2_ATTRIBUTES).build())) {
            assertThat(score(s, INPUT).attributes()).containsExactly(entry("helpfulness", 3.40625),
                    entry("correctness", 3.25), entry("coherence", 3.875), entry("complexity", 1.7109375),
                    entry("verbosity", 1.8359375));
        }
    }

    @Test
    void should_ask_vllm_classify_for_raw_logits_and_read_them_from_probs() {
        answer("/classify", "vllm-classify-scalar.json");
        try (RemoteRewardScorer s = scorer(classify().build())) {
            assertThat(score(s, INPUT).attributes()).containsExactly(entry("reward", -3.2));
        }
        server.verify(postRequestedFor(urlEqualTo("/classify")).withRequestBody(equalToJson(
                "{\"model\":\"" + SKYWORK + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"},"
                        + "{\"role\":\"assistant\",\"content\":\"" + RESPONSE + "\"}],\"use_activation\":false}")));
    }

    @Test
    void should_prefer_raw_logits_over_probabilities_when_classify_sends_both() {
        answer("/classify", "vllm-classify-logits.json");
        try (RemoteRewardScorer s = scorer(classify().build())) {
            assertThat(score(s, INPUT).attributes()).containsExactly(entry("reward", 2.75));
        }
    }

    @Test
    void should_fill_the_json_template_with_escaped_text_and_read_each_pointer() throws Exception {
        answer("/custom", "json-custom.json");
        String prompt = "Say \"hi\"\n\tthen {response} \\ </script> \u00e9\u4e2d";
        String response = "Hi! {prompt} {model} \"quoted\"";
        try (RemoteRewardScorer s = scorer(custom().build())) {
            RewardScores r = score(s, RewardInput.of(prompt, response));
            assertThat(r.attributes()).containsExactly(entry("helpfulness", 3.4), entry("verbosity", 1.2));
        }
        JsonNode body = onlyRequest("/custom");
        assertThat(body.path("model").asText()).isEqualTo("rm-2024-09");
        assertThat(body.path("input").path("question").asText()).isEqualTo(prompt);
        assertThat(body.path("input").path("answer").asText()).isEqualTo(response);
        assertThat(body.path("options").path("return").get(0).asText()).isEqualTo("helpfulness");
        assertThat(body.size()).isEqualTo(3);
    }

    @Test
    void should_score_through_vllm_score_with_the_json_type() {
        answer("/score", "json-vllm-score.json");
        RewardConfig config = RewardConfig.builder(RewardConfig.Type.JSON, url("/score")).name("rerank")
                .requestTemplate("{\"model\":\"BAAI/bge-reranker-v2-m3\",\"text_1\":\"{prompt}\",\"text_2\":\"{response}\","
                        + "\"use_activation\":false}")
                .fields(Map.of("reward", "/data/0/score")).build();
        try (RemoteRewardScorer s = scorer(config)) {
            assertThat(score(s, INPUT).attributes()).containsExactly(entry("reward", -1.25));
        }
        server.verify(postRequestedFor(urlEqualTo("/score")).withRequestBody(equalToJson(
                "{\"model\":\"BAAI/bge-reranker-v2-m3\",\"text_1\":\"" + PROMPT + "\",\"text_2\":\"" + RESPONSE + "\","
                        + "\"use_activation\":false}")));
    }

    static Stream<Arguments> malformedReplies() {
        Supplier<RewardConfig> helpsteer = () -> nvidia().build();
        Supplier<RewardConfig> scalar = () -> nvidia().model(NEMOTRON_70B).attributes(List.of("reward")).build();
        Supplier<RewardConfig> pool = () -> pooling().build();
        Supplier<RewardConfig> cls = () -> classify().build();
        Supplier<RewardConfig> json = () -> custom().build();
        return Stream.of(
                Arguments.of("missing attribute", helpsteer, "/v1/chat/completions", fixture("nvidia-missing-attribute.json"),
                        "malformed reply: no value for verbosity"),
                Arguments.of("no logprobs", helpsteer, "/v1/chat/completions", fixture("nvidia-no-logprobs.json"),
                        "malformed reply: no choices[0].logprobs.content"),
                Arguments.of("NaN", scalar, "/v1/chat/completions", fixture("nvidia-nan.json"),
                        "malformed reply: reward is not a finite number"),
                Arguments.of("string value", scalar, "/v1/chat/completions", fixture("nvidia-non-numeric.json"),
                        "malformed reply: reward is not a number"),
                Arguments.of("overflow", pool, "/pooling", fixture("vllm-pooling-infinite.json"),
                        "malformed reply: reward is not a finite number"),
                Arguments.of("empty data", pool, "/pooling", "{\"object\":\"list\",\"data\":[]}",
                        "malformed reply: no data[0].data"),
                Arguments.of("two classes for one attribute", cls, "/classify", fixture("vllm-classify-two-classes.json"),
                        "malformed reply: expected 1 output(s) for [reward], but the reply has 2"),
                Arguments.of("no probs", cls, "/classify", "{\"data\":[{\"index\":0,\"label\":\"LABEL_0\"}]}",
                        "malformed reply: no data[0].probs"),
                Arguments.of("missing pointer", json, "/custom", fixture("json-custom-missing.json"),
                        "malformed reply: no value for verbosity at /scores/verbosity"),
                Arguments.of("html", helpsteer, "/v1/chat/completions", "<html><body>Bad gateway</body></html>",
                        "malformed reply: not JSON"),
                Arguments.of("bare number", pool, "/pooling", "-3.2", "malformed reply: not a JSON object"),
                Arguments.of("empty body", pool, "/pooling", "", "malformed reply: not a JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedReplies")
    void should_return_unscored_when_reply_is_malformed(String label, Supplier<RewardConfig> config, String path,
                                                        String body, String error) {
        server.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body)));
        try (RemoteRewardScorer s = scorer(config.get())) {
            RewardScores r = score(s, INPUT);
            assertThat(r.status()).isEqualTo(RewardScores.Status.UNSCORED);
            assertThat(r.attributes()).isEmpty();
            assertThat(r.error()).isEqualTo(error);
        }
    }

    @Test
    void should_return_unscored_when_the_server_answers_5xx() {
        server.stubFor(post(urlEqualTo("/pooling")).willReturn(aResponse().withStatus(503)
                .withBody("{\"error\":\"overloaded while scoring: " + RESPONSE + "\"}")));
        try (RemoteRewardScorer s = scorer(pooling().build())) {
            RewardScores r = score(s, INPUT);
            assertThat(r.status()).isEqualTo(RewardScores.Status.UNSCORED);
            assertThat(r.error()).isEqualTo("server answered HTTP 503");
        }
        server.stubFor(post(urlEqualTo("/pooling")).willReturn(aResponse().withStatus(500)));
        try (RemoteRewardScorer s = scorer(pooling().build())) {
            assertThat(score(s, INPUT).error()).isEqualTo("server answered HTTP 500");
        }
    }

    @Test
    void should_return_unscored_when_the_connection_fails() {
        server.stubFor(post(urlEqualTo("/pooling")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        try (RemoteRewardScorer s = scorer(pooling().build())) {
            RewardScores r = score(s, INPUT);
            assertThat(r.status()).isEqualTo(RewardScores.Status.UNSCORED);
            assertThat(r.error()).startsWith("failed: ");
        }
    }

    @Test
    void should_return_unscored_when_the_reply_is_larger_than_the_bound() {
        String huge = "{\"data\":[{\"index\":0,\"data\":[-3.2]}],\"pad\":\"" + "x".repeat(RemoteRewardScorer.MAX_REPLY_BYTES) + "\"}";
        server.stubFor(post(urlEqualTo("/pooling")).willReturn(okJson(huge)));
        try (RemoteRewardScorer s = scorer(pooling().build())) {
            assertThat(score(s, INPUT).error()).isEqualTo("malformed reply: reply larger than 4194304 bytes");
        }
    }

    @Test
    void should_return_unscored_when_reply_times_out() {
        server.stubFor(post(urlEqualTo("/pooling"))
                .willReturn(okJson(fixture("vllm-pooling-scalar.json")).withFixedDelay(2_000)));
        try (RemoteRewardScorer s = scorer(pooling().resilience(settings(Duration.ofMillis(200), 8)).build())) {
            long start = System.nanoTime();
            RewardScores r = score(s, INPUT);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.status()).isEqualTo(RewardScores.Status.UNSCORED);
            assertThat(r.error()).isEqualTo("timed out after 200 ms");
            assertThat(r.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(150));
            assertThat(ms).isLessThan(1_500);
        }
    }

    @Test
    void should_open_the_circuit_after_failures_and_close_it_after_the_open_duration() {
        TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
        ResilienceSettings settings = new ResilienceSettings(Duration.ofSeconds(2), 8, 50, 4, 4,
                Duration.ofSeconds(30));
        try (RemoteRewardScorer s = scorer(pooling().resilience(settings).build(), clock)) {
            server.stubFor(post(urlEqualTo("/pooling")).willReturn(aResponse().withStatus(503)));
            assertThat(score(s, INPUT).error()).isEqualTo("server answered HTTP 503");
            assertThat(score(s, INPUT).error()).isEqualTo("server answered HTTP 503");
            // a reply without scores is a failure of the scorer too
            server.stubFor(post(urlEqualTo("/pooling")).willReturn(okJson("{\"data\":[]}")));
            assertThat(score(s, INPUT).error()).isEqualTo("malformed reply: no data[0].data");
            assertThat(score(s, INPUT).error()).isEqualTo("malformed reply: no data[0].data");
            assertThat(s.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
            assertThat(s.ready()).isTrue(); // unscored is a value; an outage must not unready every replica

            int before = server.findAll(postRequestedFor(urlEqualTo("/pooling"))).size();
            RewardScores refused = score(s, INPUT);
            assertThat(refused.error()).isEqualTo("circuit breaker open");
            assertThat(refused.latency()).isEqualTo(Duration.ZERO);
            assertThat(server.findAll(postRequestedFor(urlEqualTo("/pooling")))).hasSize(before);

            answer("/pooling", "vllm-pooling-scalar.json");
            clock.advance(Duration.ofSeconds(31));
            assertThat(score(s, INPUT).isScored()).isTrue();
            assertThat(s.circuitState()).isIn(CircuitBreaker.State.HALF_OPEN, CircuitBreaker.State.CLOSED);
        }
    }

    @Test
    void should_refuse_a_call_beyond_the_bulkhead_at_once() {
        server.stubFor(post(urlEqualTo("/pooling"))
                .willReturn(okJson(fixture("vllm-pooling-scalar.json")).withFixedDelay(2_000)));
        try (RemoteRewardScorer s = scorer(pooling().resilience(settings(Duration.ofMillis(300), 1)).build())) {
            CompletableFuture<RewardScores> first = s.score(INPUT).toCompletableFuture();
            assertThat(s.availableConcurrentCalls()).isZero();
            RewardScores second = score(s, INPUT);
            assertThat(second.status()).isEqualTo(RewardScores.Status.UNSCORED);
            assertThat(second.error()).isEqualTo("too many concurrent calls (max_concurrent 1)");
            assertThat(second.latency()).isEqualTo(Duration.ZERO);
            assertThat(first.join().error()).isEqualTo("timed out after 300 ms");
            assertThat(s.availableConcurrentCalls()).isEqualTo(1);
        }
    }

    @Test
    void should_return_unscored_after_close() {
        answer("/pooling", "vllm-pooling-scalar.json");
        RemoteRewardScorer s = scorer(pooling().build());
        assertThat(s.ready()).isTrue();
        s.close();
        s.close();
        assertThat(s.ready()).isFalse();
        assertThat(score(s, INPUT).error()).isEqualTo("scorer is closed");
        assertThat(server.findAll(postRequestedFor(urlEqualTo("/pooling")))).isEmpty();
    }

    @Test
    void should_expose_its_configuration_for_the_policy() {
        try (RemoteRewardScorer s = scorer(nvidia().build())) {
            assertThat(s.name()).isEqualTo("helpsteer");
            assertThat(s.attributes()).isEqualTo(RewardConfig.HELPSTEER2_ATTRIBUTES);
            assertThat(s.config().type()).isEqualTo(RewardConfig.Type.NVIDIA);
            assertThat(s.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
        }
    }
}
