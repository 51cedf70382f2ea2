package dev.rampart.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The request head and framing, sent as raw bytes an attacker would: ambiguous framing is refused with a JSON 400 and
 * the connection closed (no request smuggled behind it), header floods get 431, overlong UTF-8 is not valid UTF-8,
 * and a {@code Host} outside {@code server.allowed_hosts} is refused (DNS rebinding).
 */
class HttpHardeningTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BODY = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static GatewayHarness harness;

    @BeforeAll
    static void start() {
        harness = GatewayHarness.start("""
                server:
                  max_headers: 100
                  allowed_hosts: [127.0.0.1, localhost]
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

    private static String post(String extraHeaders, byte[] body) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-type: application/json\r\n"
                + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII));
        request.write(body);
        return raw(request.toByteArray());
    }

    private static String raw(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", harness.gateway.publicPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode error(String response) throws IOException {
        return JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4)).path("error");
    }

    private static String chunked(String body) {
        return Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
    }

    @Test
    void should_refuse_a_transfer_coding_other_than_chunked_and_close_the_connection() throws Exception {
        String smuggled = "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        String r = post("Transfer-Encoding: xchunked\r\nContent-Length: " + BODY.length() + "\r\n",
                (BODY + smuggled).getBytes(StandardCharsets.US_ASCII));
        assertThat(r).startsWith("HTTP/1.1 400");
        assertThat(error(r).path("code").asText()).isEqualTo("bad_request");
        assertThat(r).as("one answer, nothing for a request smuggled behind the body").containsOnlyOnce("HTTP/1.1");

        String gzip = post("Transfer-Encoding: gzip, chunked\r\n", chunked(BODY).getBytes(StandardCharsets.US_ASCII));
        assertThat(gzip).startsWith("HTTP/1.1 400").contains("connection: close");
        assertThat(error(gzip).path("message").asText()).contains("Transfer-Encoding");
    }

    @Test
    void should_refuse_a_content_length_beside_chunked_transfer_encoding_and_close_the_connection() throws Exception {
        String smuggled = "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        String r = post("Transfer-Encoding: chunked\r\nContent-Length: 4\r\n",
                (chunked(BODY) + smuggled).getBytes(StandardCharsets.US_ASCII));
        assertThat(r).startsWith("HTTP/1.1 400").containsOnlyOnce("HTTP/1.1");
        assertThat(error(r).path("code").asText()).isEqualTo("bad_request");
    }

    @Test
    void should_answer_431_to_a_flood_of_small_headers() throws Exception {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            headers.append("X-H").append(i).append(": v\r\n");
        }
        String r = post(headers + "Content-Length: " + BODY.length() + "\r\n", BODY.getBytes(StandardCharsets.US_ASCII));
        assertThat(r).startsWith("HTTP/1.1 431");
        assertThat(error(r).path("code").asText()).isEqualTo("headers_too_large");
    }

    @Test
    void should_reject_an_overlong_utf8_encoding_as_invalid_utf8() throws Exception {
        byte[] body = BODY.replace("\"hi\"", "\"h__i\"").getBytes(StandardCharsets.US_ASCII);
        int at = new String(body, StandardCharsets.US_ASCII).indexOf("__");
        body[at] = (byte) 0xC0;       // C0 AF: '/' in two bytes
        body[at + 1] = (byte) 0xAF;
        String r = post("Content-Length: " + body.length + "\r\nConnection: close\r\n", body);
        assertThat(r).startsWith("HTTP/1.1 400");
        assertThat(error(r).path("code").asText()).isEqualTo("invalid_json");
        assertThat(error(r).path("message").asText()).contains("not valid UTF-8");
    }

    @Test
    void should_refuse_a_host_outside_the_allow_list_and_serve_the_listed_ones() throws Exception {
        String r = raw(("GET /v1/models HTTP/1.1\r\nHost: rebound.example:8080\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(r).startsWith("HTTP/1.1 400");
        assertThat(error(r).path("code").asText()).isEqualTo("invalid_header");
        assertThat(error(r).path("param").asText()).isEqualTo("host");
        String listed = raw(("GET /v1/models HTTP/1.1\r\nHost: LOCALHOST:" + harness.gateway.publicPort()
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(listed).startsWith("HTTP/1.1 200");
        HttpResponse<String> viaClient = harness.get(harness.base() + "/v1/models");
        assertThat(viaClient.statusCode()).isEqualTo(200);
    }
}
