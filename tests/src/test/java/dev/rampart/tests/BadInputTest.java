package dev.rampart.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every kind of bad input gets an OpenAI-shaped 4xx — never a 5xx, a stack trace, a hang or an echo of the prompt. */
class BadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static GatewayHarness harness;

    @BeforeAll
    static void start() {
        harness = GatewayHarness.start("""
                server:
                  max_body_bytes: 2048
                  max_json_depth: 16
                  max_header_bytes: 2048
                  max_uri_length: 512
                  body_read_timeout_ms: 500
                classifiers:
                  max_classified_chars: 1000
                upstreams:
                  - name: nowhere
                    base_url: http://127.0.0.1:9/v1
                    models: [m]
                """);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static JsonNode error(String body) throws IOException {
        JsonNode error = JSON.readTree(body).path("error");
        assertThat(error.has("message") && error.has("type") && error.has("param") && error.has("code")).isTrue();
        return error;
    }

    @Test
    void should_reject_an_oversized_body_with_413() throws Exception {
        HttpResponse<String> r = harness.post("/v1/chat/completions",
                GatewayHarness.chat("m", "x".repeat(4096)));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(error(r.body()).path("code").asText()).isEqualTo("request_too_large");
    }

    @Test
    void should_reject_deep_json_duplicate_keys_and_invalid_utf8_with_400() throws Exception {
        HttpResponse<String> deep = harness.post("/v1/chat/completions",
                "{\"model\":\"m\",\"x\":" + "[".repeat(40) + "]".repeat(40) + "}");
        assertThat(deep.statusCode()).isEqualTo(400);
        HttpResponse<String> dup = harness.post("/v1/chat/completions",
                "{\"model\":\"m\",\"model\":\"n\",\"messages\":[]}");
        assertThat(dup.statusCode()).isEqualTo(400);
        assertThat(error(dup.body()).path("message").asText()).contains("duplicate key");
        byte[] bad = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"\u00ff\"}]}"
                .getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> utf = harness.send(HttpRequest.newBuilder(URI.create(harness.base() + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bad)).build());
        assertThat(utf.statusCode()).isEqualTo(400);
        assertThat(error(utf.body()).path("message").asText()).contains("UTF-8");
    }

    @Test
    void should_name_the_param_of_a_schema_violation_without_echoing_the_prompt() throws Exception {
        HttpResponse<String> r = harness.post("/v1/chat/completions",
                "{\"model\":\"m\",\"temperature\":9,\"messages\":[{\"role\":\"user\",\"content\":\"my secret prompt\"}]}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r.body()).path("param").asText()).isEqualTo("temperature");
        assertThat(r.body()).doesNotContain("my secret prompt");
    }

    @Test
    void should_answer_405_with_allow_for_a_wrong_method_and_404_json_for_unknown_routes() throws Exception {
        HttpResponse<String> r = harness.get(harness.base() + "/v1/chat/completions");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("allow")).hasValue("POST");
        error(r.body());
        HttpResponse<String> models = harness.send(HttpRequest.newBuilder(URI.create(harness.base() + "/v1/models"))
                .DELETE().build());
        assertThat(models.statusCode()).isEqualTo(405);
        assertThat(models.headers().firstValue("allow")).hasValue("GET, HEAD");
        HttpResponse<String> unknown = harness.get(harness.base() + "/v2/anything");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(error(unknown.body()).path("code").asText()).isEqualTo("not_found");
    }

    @Test
    void should_reject_a_non_json_content_type_with_415() throws Exception {
        HttpResponse<String> r = harness.send(HttpRequest.newBuilder(URI.create(harness.base() + "/v1/chat/completions"))
                .header("content-type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build());
        assertThat(r.statusCode()).isEqualTo(415);
        error(r.body());
    }

    @Test
    void should_answer_oversized_headers_and_uris_with_json_errors() throws Exception {
        String headers = raw("GET /v1/models HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(4096) + "\r\n\r\n");
        assertThat(headers).matches("(?s)HTTP/1\\.[01] 431.*");
        assertThat(headers).contains("\"error\"");
        String uri = raw("GET /v1/" + "a".repeat(1024) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(uri).matches("(?s)HTTP/1\\.[01] 414.*");
        assertThat(uri).contains("\"error\"");
    }

    @Test
    void should_refuse_a_text_longer_than_the_classifiers_read_limit_instead_of_reading_part_of_it() throws Exception {
        HttpResponse<String> r = harness.post("/v1/chat/completions",
                GatewayHarness.chat("m", "The river flows to the sea. ".repeat(50)));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(error(r.body()).path("code").asText()).isEqualTo("guardrail_unavailable");
        HttpResponse<String> shorter = harness.post("/v1/chat/completions", GatewayHarness.chat("m", "The river flows."));
        assertThat(shorter.statusCode()).as("read whole, then on to the (unreachable) upstream").isEqualTo(502);
    }

    @Test
    void should_time_out_a_slowloris_body_with_408() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", harness.gateway.publicPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n"
                    + "content-length: 1000\r\n\r\n{\"model\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 408");
            assertThat(response).contains("request_timeout");
        }
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", harness.gateway.publicPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
