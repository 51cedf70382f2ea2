package dev.rampart.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official {@code openai} npm SDK (pinned in {@code tests/sdk/package-lock.json}) drives a real gateway with the
 * default policy pack in front of a WireMock upstream on 127.0.0.1: chat (whole and streamed, and a stream the
 * completion guard stops), responses (whole, with input items, streamed, stopped by the guard, blocked), moderations
 * under OpenAI's names, embeddings (base64 and float) and errors (a blocked prompt as {@code BadRequestError} with the Azure-style {@code innererror}, an upstream 429 with its
 * {@code retry-after}). Every {@code tests/sdk/test/*.test.mjs} runs ({@code node --test}); the SDK is installed with
 * {@code npm ci} when {@code node_modules} is absent. Needs {@code node} and {@code npm} on the PATH ({@code .ci/run}
 * installs Debian's).
 */
class OpenAiSdkTest {
    private static final Path SDK = Path.of("sdk").toAbsolutePath();
    private static final String CHAT_OK = """
            {"id":"chatcmpl-sdk","object":"chat.completion","created":1,"model":"gpt-sdk",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Paris is the capital of France."},
             "finish_reason":"stop","logprobs":null}],
             "usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12}}""";

    static WireMockServer upstream;
    static GatewayHarness harness;

    @BeforeAll
    static void start() {
        upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        stubUpstream();
        harness = GatewayHarness.start("upstreams:\n" + GatewayHarness.upstreamYaml("main", upstream.baseUrl() + "/v1",
                "[gpt-sdk, gpt-sdk-busy, text-embedding-sdk]", "    retry: { max_attempts: 1 }\n"));
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
        upstream.stop();
    }

    private static void stubUpstream() {
        upstream.stubFor(post("/v1/chat/completions").atPriority(5)
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-sdk")))
                .willReturn(okJson(CHAT_OK).withHeader("x-request-id", "req_upstream_chat")));
        upstream.stubFor(post("/v1/chat/completions").atPriority(3)
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-sdk")))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(events("Paris ", "is the capital ", "of France.")));
        upstream.stubFor(post("/v1/chat/completions").atPriority(1)
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .withRequestBody(containing("a story about a chemist"))
                .willReturn(events("Once upon a time. ", "Step one: to build a pipe bomb ", "you need a pipe.")));
        upstream.stubFor(post("/v1/chat/completions").atPriority(1)
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-sdk-busy")))
                .willReturn(aResponse().withStatus(429).withHeader("content-type", "application/json")
                        .withHeader("retry-after", "7").withHeader("x-ratelimit-remaining-requests", "0")
                        .withHeader("x-request-id", "req_upstream_busy")
                        .withBody("{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\","
                                + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}")));
        upstream.stubFor(post("/v1/responses").atPriority(5)
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-sdk")))
                .willReturn(okJson(response("completed")).withHeader("x-request-id", "req_upstream_responses")));
        upstream.stubFor(post("/v1/responses").atPriority(3)
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-sdk")))
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(responseEvents("Paris ", "is the capital ", "of France.")));
        upstream.stubFor(post("/v1/responses").atPriority(1)
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .withRequestBody(containing("a story about a chemist"))
                .willReturn(responseEvents("Once upon a time. ", "Step one: to build a pipe bomb ", "you need a pipe.")));
        upstream.stubFor(post("/v1/embeddings").atPriority(5)
                .willReturn(okJson(embeddings("[0.25,-0.5,1.0]"))));
        String base64 = Base64.getEncoder().encodeToString(ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(0.25f).putFloat(-0.5f).putFloat(1.0f).array());
        upstream.stubFor(post("/v1/embeddings").atPriority(1)
                .withRequestBody(matchingJsonPath("$.encoding_format", equalTo("base64")))
                .willReturn(okJson(embeddings("\"" + base64 + "\""))));
    }

    /** The upstream's embeddings for two inputs (the SDK's tests send one or two). */
    private static String embeddings(String vector) {
        return "{\"object\":\"list\",\"model\":\"text-embedding-sdk\",\"data\":["
                + "{\"object\":\"embedding\",\"index\":0,\"embedding\":" + vector + "},"
                + "{\"object\":\"embedding\",\"index\":1,\"embedding\":" + vector + "}],"
                + "\"usage\":{\"prompt_tokens\":4,\"total_tokens\":4}}";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder events(String... pieces) {
        StringBuilder body = new StringBuilder();
        body.append(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null));
        for (String piece : pieces) {
            body.append(chunk("{\"content\":\"" + piece + "\"}", null));
        }
        body.append(chunk("{}", "\"stop\"")).append("data: [DONE]\n\n");
        return aResponse().withStatus(200).withHeader("content-type", "text/event-stream").withBody(body.toString());
    }

    /** A Responses API {@code response} whose one message says {@code text} (the whole answer by default). */
    private static String response(String status, String text) {
        return "{\"id\":\"resp_sdk\",\"object\":\"response\",\"created_at\":1,\"status\":\"" + status + "\","
                + "\"error\":null,\"incomplete_details\":null,\"instructions\":null,\"model\":\"gpt-sdk\","
                + "\"output\":[" + (text == null ? "" : message(text, "completed")) + "],"
                + "\"parallel_tool_calls\":true,\"tool_choice\":\"auto\",\"tools\":[],\"metadata\":{},"
                + "\"usage\":{\"input_tokens\":5,\"output_tokens\":7,\"total_tokens\":12}}";
    }

    private static String response(String status) {
        return response(status, "Paris is the capital of France.");
    }

    private static String message(String text, String status) {
        return "{\"type\":\"message\",\"id\":\"msg_sdk\",\"status\":\"" + status + "\",\"role\":\"assistant\","
                + "\"content\":[{\"type\":\"output_text\",\"text\":" + quote(text) + ",\"annotations\":[]}]}";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The event stream of a one-message response, as the Responses API sends it (no {@code [DONE]}). */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder responseEvents(String... pieces) {
        String text = String.join("", pieces);
        StringBuilder body = new StringBuilder();
        int[] seq = {0};
        java.util.function.BiConsumer<String, String> event = (type, fields) -> body.append("event: ").append(type)
                .append("\ndata: {\"type\":\"").append(type).append("\",").append(fields)
                .append(",\"sequence_number\":").append(seq[0]++).append("}\n\n");
        String item = "\"item_id\":\"msg_sdk\",\"output_index\":0,\"content_index\":0";
        event.accept("response.created", "\"response\":" + response("in_progress", null));
        event.accept("response.output_item.added", "\"output_index\":0,\"item\":{\"type\":\"message\",\"id\":\"msg_sdk\","
                + "\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}");
        event.accept("response.content_part.added", item
                + ",\"part\":{\"type\":\"output_text\",\"text\":\"\",\"annotations\":[]}");
        for (String piece : pieces) {
            event.accept("response.output_text.delta", item + ",\"delta\":" + quote(piece));
        }
        event.accept("response.output_text.done", item + ",\"text\":" + quote(text));
        event.accept("response.content_part.done", item
                + ",\"part\":{\"type\":\"output_text\",\"text\":" + quote(text) + ",\"annotations\":[]}");
        event.accept("response.output_item.done", "\"output_index\":0,\"item\":" + message(text, "completed"));
        event.accept("response.completed", "\"response\":" + response("completed", text));
        return aResponse().withStatus(200).withHeader("content-type", "text/event-stream").withBody(body.toString());
    }

    private static String chunk(String delta, String finish) {
        return "data: {\"id\":\"chatcmpl-sdk-s\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-sdk\","
                + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]}\n\n";
    }

    @Test
    void should_pass_the_official_openai_sdk_suite_against_the_gateway() throws Exception {
        assertThat(SDK.resolve("package-lock.json")).exists();
        if (!Files.isDirectory(SDK.resolve("node_modules").resolve("openai"))) {
            Run install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 300);
            System.out.println(install.output());
            assertThat(install.exit()).as("npm ci in %s:%n%s", SDK, install.output()).isZero();
        }
        Run suite = run(List.of("node", "--test"), Map.of(
                "OPENAI_BASE_URL", harness.base() + "/v1",
                "OPENAI_API_KEY", "sdk-test"), 300);
        System.out.println(suite.output());
        assertThat(suite.exit()).as("node --test in %s:%n%s", SDK, suite.output()).isZero();
        // the run found and ran the suite: every test the files declare passed, none failed, none skipped
        assertThat(count(suite.output(), "pass")).as(suite.output()).isEqualTo(declaredTests()).isPositive();
        assertThat(count(suite.output(), "fail")).isZero();
        assertThat(count(suite.output(), "skipped")).isZero();
    }

    /** How many top-level {@code test(...)} calls the files under {@code tests/sdk/test} declare. */
    private static int declaredTests() throws IOException {
        int n = 0;
        try (var files = Files.list(SDK.resolve("test"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".test.mjs")).toList()) {
                Matcher m = Pattern.compile("(?m)^test\\(").matcher(Files.readString(file));
                while (m.find()) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The {@code # pass N} style summary counts of node's test runner. */
    private static int count(String output, String what) {
        Matcher m = Pattern.compile("(?m)^[#ℹ] " + what + " (\\d+)$").matcher(output);
        assertThat(m.find()).as("no '%s' count in the node output:%n%s", what, output).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private record Run(int exit, String output) {
    }

    private static Run run(List<String> command, Map<String, String> env, long timeoutSeconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(SDK.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("NO_COLOR", "1");
        builder.environment().remove("NODE_OPTIONS");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " is not on the PATH: install Node.js and npm (.ci/run installs"
                    + " Debian's nodejs and npm)", e);
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n"
                    + output.getNow(""));
        }
        return new Run(process.exitValue(), output.get(10, TimeUnit.SECONDS));
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
