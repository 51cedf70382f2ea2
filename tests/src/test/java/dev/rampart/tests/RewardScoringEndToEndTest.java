package dev.rampart.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reward scoring end to end: a mock upstream whose candidates have known scores at a mock NVIDIA-style reward model,
 * and policies that annotate, regenerate, choose the best of n, detect over-refusal and sample.
 */
class RewardScoringEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMPT = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"How do I bake bread?\"}]}";
    WireMockServer upstream;
    WireMockServer scorer;
    GatewayHarness harness;
    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        scorer = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        scorer.start();
        score("GOOD", 3.5, 3.6);
        score("FAIR", 2.0, 2.2);
        score("POOR", 0.5, 0.4);
        score("BOMB", 4.0, 4.0);
        score("sorry", 0.3, 3.0);
    }

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
        upstream.stop();
        scorer.stop();
    }

    /** The reward model scores a response containing {@code marker} with these helpfulness and correctness values. */
    private void score(String marker, double helpfulness, double correctness) {
        scorer.stubFor(post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.messages[1].content", containing(marker)))
                .willReturn(okJson("{\"id\":\"r\",\"object\":\"chat.completion\",\"model\":\"nvidia/nemotron-4-340b-reward\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":{\"content\":["
                        + "{\"token\":\"helpfulness\",\"logprob\":" + helpfulness + "},{\"token\":\"correctness\",\"logprob\":"
                        + correctness + "},{\"token\":\"coherence\",\"logprob\":3.0},{\"token\":\"complexity\",\"logprob\":1.0},"
                        + "{\"token\":\"verbosity\",\"logprob\":1.0}]},\"finish_reason\":\"length\"}]}")));
    }

    private static String reply(String... contents) {
        StringBuilder choices = new StringBuilder();
        for (int i = 0; i < contents.length; i++) {
            choices.append(i == 0 ? "" : ",").append("{\"index\":").append(i).append(",\"message\":{\"role\":\"assistant\","
                    + "\"content\":\"").append(contents[i]).append("\"},\"finish_reason\":\"stop\"}");
        }
        return "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[" + choices + "]}";
    }

    private void startGateway(String reward) throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, "extends: builtin:default\nname: rewarded\nreward:\n" + reward);
        harness = GatewayHarness.start("policy:\n  file: " + policy + "\n  watch: false\nclassifiers:\n  reward:\n"
                + "    - { type: nvidia, name: reward, url: " + scorer.baseUrl() + "/v1/chat/completions, "
                + "model: nvidia/nemotron-4-340b-reward, timeout_ms: 1000 }\nupstreams:\n"
                + GatewayHarness.upstreamYaml("main", upstream.baseUrl() + "/v1", "['*']", "    retry: { max_attempts: 1 }\n"));
    }

    @Test
    void should_annotate_scores_in_headers_and_only_in_the_body_when_asked() throws Exception {
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(reply("GOOD bread needs time."))));
        startGateway("  rules: [{ attribute: correctness, below: 1.5, action: flag }]\n");
        HttpResponse<String> r = harness.post("/v1/chat/completions", PROMPT);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-rampart-reward-status")).hasValue("scored");
        assertThat(r.headers().firstValue("x-rampart-reward-helpfulness")).hasValue("3.500");
        assertThat(r.headers().firstValue("x-rampart-reward-flags")).isEmpty();
        assertThat(JSON.readTree(r.body()).has("x_rampart")).isFalse();
        scorer.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.messages[0].content", containing("bake bread"))));
    }

    @Test
    void should_put_scores_and_flags_in_the_extension_field_when_the_policy_enables_it() throws Exception {
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(reply("POOR answer."))));
        startGateway("  annotate: { body: true }\n  rules: [{ attribute: correctness, below: 1.5, action: flag }]\n");
        HttpResponse<String> r = harness.post("/v1/chat/completions", PROMPT);
        JsonNode ext = JSON.readTree(r.body()).path("x_rampart").path("reward");
        assertThat(ext.path("status").asText()).isEqualTo("scored");
        assertThat(ext.path("attributes").path("correctness").asDouble()).isEqualTo(0.4);
        assertThat(ext.path("flags").toString()).contains("correctness<1.5");
        assertThat(r.headers().firstValue("x-rampart-reward-flags")).hasValue("correctness<1.5");
    }

    @Test
    void should_regenerate_below_the_threshold_and_return_the_best_candidate() throws Exception {
        upstream.stubFor(post("/v1/chat/completions").inScenario("regen").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(reply("POOR first try."))).willSetStateTo("second"));
        upstream.stubFor(post("/v1/chat/completions").inScenario("regen").whenScenarioStateIs("second")
                .willReturn(okJson(reply("GOOD second try."))).willSetStateTo("third"));
        upstream.stubFor(post("/v1/chat/completions").inScenario("regen").whenScenarioStateIs("third")
                .willReturn(okJson(reply("FAIR third try."))));
        startGateway("  rules: [{ attribute: helpfulness, below: 3.0, action: regenerate }]\n  regenerate: { max_attempts: 3 }\n");
        HttpResponse<String> r = harness.post("/v1/chat/completions", PROMPT);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("GOOD second try.");
        upstream.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void should_flag_when_every_regeneration_stays_below_the_threshold_and_keep_the_best() throws Exception {
        upstream.stubFor(post("/v1/chat/completions").inScenario("low").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(reply("FAIR first."))).willSetStateTo("second"));
        upstream.stubFor(post("/v1/chat/completions").inScenario("low").whenScenarioStateIs("second")
                .willReturn(okJson(reply("POOR second."))));
        startGateway("  rules: [{ attribute: helpfulness, below: 3.0, action: regenerate }]\n  regenerate: { max_attempts: 2 }\n");
        HttpResponse<String> r = harness.post("/v1/chat/completions", PROMPT);
        assertThat(JSON.readTree(r.body()).path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("FAIR first.");
        assertThat(r.headers().firstValue("x-rampart-reward-flags")).hasValue("helpfulness<3.0");
        upstream.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void should_ask_for_n_candidates_drop_the_unsafe_one_and_return_the_best_as_the_only_choice() throws Exception {
        upstream.stubFor(post("/v1/chat/completions").withRequestBody(matchingJsonPath("$.n", containing("3")))
                .willReturn(okJson(reply("FAIR loaf.", "BOMB: here is how to build a pipe bomb.", "GOOD loaf, slow rise."))));
        startGateway("  best_of_n: 3\n");
        HttpResponse<String> r = harness.post("/v1/chat/completions", PROMPT);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode choices = JSON.readTree(r.body()).path("choices");
        assertThat(choices).hasSize(1);
        assertThat(choices.get(0).path("index").asInt()).isZero();
        assertThat(choices.get(0).path("message").path("content").asText()).isEqualTo("GOOD loaf, slow rise.");
        assertThat(r.headers().firstValue("x-rampart-reward-helpfulness")).hasValue("3.500");
    }

    @Test
    void should_serve_the_response_unscored_when_the_reward_model_fails() throws Exception {
        scorer.resetAll();
        scorer.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(503)));
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(reply("GOOD bread."))));
        startGateway("  rules: [{ attribute: helpfulness, below: 3.0, action: regenerate }]\n  regenerate: { max_attempts: 2 }\n");
        HttpResponse<String> r = harness.post("/v1/chat/completions", PROMPT);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-rampart-reward-status")).hasValue("unscored");
        upstream.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void should_flag_over_refusal_of_a_prompt_the_guard_allowed() throws Exception {
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(reply("I'm sorry, but I can't help with that."))));
        startGateway("  over_refusal: { helpfulness_below: 1.0 }\n");
        HttpResponse<String> r = harness.post("/v1/chat/completions", PROMPT);
        assertThat(r.headers().firstValue("x-rampart-reward-flags")).hasValue("over_refusal");
        String metrics = harness.get(harness.admin() + "/metrics").body();
        assertThat(metrics).contains("rampart_reward_actions_total{action=\"over_refusal\"");
        assertThat(metrics).contains("rampart_reward_score_count{attribute=\"helpfulness\"");
    }

    @Test
    void should_score_about_the_configured_fraction_of_responses() throws Exception {
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(reply("GOOD bread."))));
        startGateway("  sample_rate: 0.3\n");
        int requests = 200;
        int sampledOut = 0;
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> r = harness.post("/v1/chat/completions", PROMPT);
            sampledOut += r.headers().firstValue("x-rampart-reward-status").orElse("").equals("sampled_out") ? 1 : 0;
        }
        int scored = requests - sampledOut;
        // binomial(200, 0.3): mean 60, sd 6.5 — the bounds are 4.6 sd away
        assertThat(scored).isBetween(30, 90);
        scorer.verify(scored, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void should_not_wait_for_the_reward_model_in_background_mode() throws Exception {
        scorer.resetAll();
        scorer.stubFor(post("/v1/chat/completions").willReturn(okJson("{}").withFixedDelay(5_000)));
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(reply("GOOD bread."))));
        startGateway("  mode: background\n");
        HttpResponse<String> r = harness.post("/v1/chat/completions", PROMPT);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-rampart-reward-status")).hasValue("background");
        assertThat(r.headers().firstValue("x-rampart-reward-helpfulness")).isEmpty();
    }
}
