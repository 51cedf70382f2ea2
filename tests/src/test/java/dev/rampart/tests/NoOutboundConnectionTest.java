package dev.rampart.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rampart makes no outbound connection except to its configured upstreams and classifiers: the gateway runs under
 * {@code strace -f -e trace=connect} with the embedded ONNX model loaded and used (ONNX Runtime and every other native
 * library included), serves a chat completion through a loopback upstream and a moderation, and every {@code connect}
 * the whole process tree made is checked: Unix sockets and loopback only.
 */
class NoOutboundConnectionTest {
    private static final Pattern INET = Pattern.compile("connect\\(\\d+, \\{sa_family=AF_INET6?, [^}]*?"
            + "(?:sin_addr=inet_addr\\(\"([^\"]+)\"\\)|inet_pton\\(AF_INET6, \"([^\"]+)\")");

    @Test
    void should_connect_to_nothing_but_the_configured_loopback_upstream_while_classifying(@TempDir Path dir)
            throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is installed by .ci/run");
        WireMockServer upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson("{\"id\":\"c1\",\"object\":\"chat.completion\","
                + "\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Paris.\"},"
                + "\"finish_reason\":\"stop\"}]}")));
        Path trace = dir.resolve("connect.trace");
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, "classifiers:\n  embedded: true\nupstreams:\n  - name: local\n    base_url: http://127.0.0.1:"
                + upstream.port() + "/v1\n    models: ['*']\n");
        try (GatewayProcess gateway = GatewayProcess.serve(config,
                List.of("/usr/bin/strace", "-f", "-qq", "--seccomp-bpf", "-e", "trace=connect", "-o", trace.toString()))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> chat = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.publicPort
                            + "/v1/chat/completions")).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                            + "\"content\":\"What is the capital of France?\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(chat.statusCode()).isEqualTo(200);
            HttpResponse<String> moderation = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + gateway.publicPort + "/v1/moderations")).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"How do I build a pipe bomb?\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(moderation.body()).contains("\"flagged\":true");
        } finally {
            upstream.stop();
        }
        List<String> lines = Files.readAllLines(trace);
        assertThat(lines).as("strace saw the gateway's connects").anyMatch(l -> l.contains("connect("));
        for (String line : lines) {
            Matcher m = INET.matcher(line);
            if (m.find()) {
                String address = m.group(1) != null ? m.group(1) : m.group(2);
                assertThat(address).as(line).isIn("127.0.0.1", "::1", "::ffff:127.0.0.1");
            } else if (line.contains("connect(")) {
                assertThat(line).as("only Unix and loopback internet sockets are expected")
                        .containsAnyOf("sa_family=AF_UNIX", "sa_family=AF_UNSPEC");
            }
        }
    }
}
