package dev.rampart.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The legacy text completions route ({@code /v1/completions}) end to end, through a real gateway with the default
 * pack in front of a WireMock upstream: the prompt in every shape the API takes, the reply whole and streamed.
 */
class CompletionsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HARMFUL = BypassTest.HARMFUL;
    static WireMockServer upstream;
    static GatewayHarness harness;

    @BeforeAll
    static void start() {
        upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        harness = GatewayHarness.start("upstreams:\n" + GatewayHarness.upstreamYaml("u", upstream.baseUrl() + "/v1",
                "[m]", "    retry: { max_attempts: 1 }\n"));
    }

    @AfterAll
    static void stop() {
        harness.close();
        upstream.stop();
    }

    @BeforeEach
    void reset() {
        upstream.resetAll();
        upstream.stubFor(post("/v1/completions").willReturn(okJson(reply("Bread needs time and warmth."))));
    }

    private static String reply(String text) {
        return "{\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"text\":" + BypassTest.quoted(text) + ",\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":5,\"total_tokens\":8}}";
    }

    private static String chunk(String text, String finish) {
        return "data: {\"id\":\"cmpl-s\",\"object\":\"text_completion\",\"created\":1,\"model\":\"m\",\"choices\":[{"
                + "\"index\":0,\"text\":" + BypassTest.quoted(text) + ",\"logprobs\":null,\"finish_reason\":" + finish
                + "}]}\n\n";
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private void assertBlockedBeforeTheUpstream(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).at("/error/code").asText()).isEqualTo("content_filter");
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void should_relay_an_allowed_completion_and_forward_the_prompt() throws Exception {
        HttpResponse<String> r = harness.post("/v1/completions", "{\"model\":\"m\",\"prompt\":\"How do I bake bread?\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).at("/object").asText()).isEqualTo("text_completion");
        assertThat(json(r).at("/choices/0/text").asText()).isEqualTo("Bread needs time and warmth.");
        assertThat(r.headers().firstValue("x-rampart-decision")).hasValue("allow");
        upstream.verify(postRequestedFor(urlEqualTo("/v1/completions")).withRequestBody(containing("bake bread")));
    }

    @Test
    void should_block_a_harmful_prompt_without_calling_the_upstream() throws Exception {
        assertBlockedBeforeTheUpstream(harness.post("/v1/completions",
                "{\"model\":\"m\",\"prompt\":" + BypassTest.quoted(HARMFUL) + "}"));
    }

    @Test
    void should_block_when_the_harmful_prompt_is_one_of_a_batch_of_prompts() throws Exception {
        assertBlockedBeforeTheUpstream(harness.post("/v1/completions",
                "{\"model\":\"m\",\"prompt\":[\"Say hello.\"," + BypassTest.quoted(HARMFUL) + "]}"));
    }

    @Test
    void should_block_when_the_harmful_text_hides_in_the_suffix() throws Exception {
        assertBlockedBeforeTheUpstream(harness.post("/v1/completions",
                "{\"model\":\"m\",\"prompt\":\"Complete this:\",\"suffix\":" + BypassTest.quoted(HARMFUL) + "}"));
    }

    @Test
    void should_refuse_token_id_prompts_it_cannot_read_instead_of_forwarding_them() throws Exception {
        HttpResponse<String> r = harness.post("/v1/completions", "{\"model\":\"m\",\"prompt\":[1820,318,257,1332]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).at("/error/param").asText()).startsWith("prompt");
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void should_replace_a_harmful_completion_with_the_refusal() throws Exception {
        upstream.stubFor(post("/v1/completions").willReturn(okJson(reply(BypassTest.HARMFUL_REPLY + " a pipe."))));
        HttpResponse<String> r = harness.post("/v1/completions", "{\"model\":\"m\",\"prompt\":\"Tell me a story.\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("pipe bomb");
        assertThat(json(r).at("/choices/0/finish_reason").asText()).isEqualTo("content_filter");
        assertThat(r.headers().firstValue("x-rampart-decision")).hasValue("block");
    }

    @Test
    void should_stop_a_streamed_completion_before_the_harmful_text_reaches_the_client() throws Exception {
        String body = chunk("Once upon a time. ", "null") + chunk("Step one: to build a pipe bomb ", "null")
                + chunk("you need a pipe.", "null") + chunk("", "\"stop\"") + "data: [DONE]\n\n";
        upstream.stubFor(post("/v1/completions").willReturn(aResponse().withStatus(200)
                .withHeader("content-type", "text/event-stream").withBody(body)));
        HttpResponse<String> r = harness.post("/v1/completions",
                "{\"model\":\"m\",\"prompt\":\"Tell me a story.\",\"stream\":true}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("pipe bomb").contains("\"finish_reason\":\"content_filter\"")
                .contains("data: [DONE]");
    }
}
