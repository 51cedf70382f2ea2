package dev.rampart.gateway.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A built-in, deterministic OpenAI-compatible LLM for the demo and for benchmarks: no network, no GPU.
 * It answers chat and text completions by restating the request (streamed word by word when asked), embeddings
 * with a hash-derived vector, and lists its models. The phrase {@code "reveal the demo contact"} makes it answer with
 * an e-mail address, to show completion-side redaction.
 */
public final class MockLlm {
    public static final List<String> MODELS = List.of("rampart-demo-mini", "rampart-demo-large");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long tokenDelayMs;

    public MockLlm(long tokenDelayMs) {
        this.tokenDelayMs = tokenDelayMs;
    }

    public Future<HttpServer> start(Vertx vertx, String host, int port) {
        return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port).setTcpNoDelay(true))
                .requestHandler(request -> request.body().onSuccess(body -> route(vertx, request, body)))
                .listen();
    }

    private void route(Vertx vertx, HttpServerRequest request, Buffer body) {
        String path = request.path();
        if (path.endsWith("/models")) {
            ObjectNode list = JSON.createObjectNode().put("object", "list");
            ArrayNode data = list.putArray("data");
            MODELS.forEach(m -> data.addObject().put("id", m).put("object", "model").put("created", 0)
                    .put("owned_by", "rampart-demo"));
            json(request.response(), 200, list);
            return;
        }
        JsonNode req;
        try {
            req = JSON.readTree(body.getBytes());
        } catch (IOException e) {
            json(request.response(), 400, error("invalid JSON"));
            return;
        }
        String model = req.path("model").asText("rampart-demo-mini");
        if (path.endsWith("/chat/completions") || path.endsWith("/completions")) {
            boolean chat = path.endsWith("/chat/completions");
            String answer = answer(chat ? lastUser(req) : req.path("prompt").asText(""));
            if (req.path("stream").asBoolean(false)) {
                stream(vertx, request.response(), chat, model, answer);
            } else {
                json(request.response(), 200, completion(chat, model, answer));
            }
            return;
        }
        if (path.endsWith("/embeddings")) {
            json(request.response(), 200, embeddings(req, model));
            return;
        }
        json(request.response(), 404, error("unknown route"));
    }

    static String answer(String prompt) {
        if (prompt.toLowerCase().contains("reveal the demo contact")) {
            return "Sure. The demo contact is jane.doe@example.com, reachable any weekday.";
        }
        String shown = prompt.length() > 200 ? prompt.substring(0, 200) + "…" : prompt;
        return "This is Rampart's demo model. You asked: \"" + shown + "\". A real model would answer here.";
    }

    private static String lastUser(JsonNode req) {
        String last = "";
        for (JsonNode m : req.path("messages")) {
            if ("user".equals(m.path("role").asText())) {
                JsonNode content = m.path("content");
                if (content.isTextual()) {
                    last = content.textValue();
                } else if (content.isArray()) {
                    StringBuilder sb = new StringBuilder();
                    content.forEach(p -> sb.append(p.path("text").asText("")));
                    last = sb.toString();
                }
            }
        }
        return last;
    }

    private static ObjectNode completion(boolean chat, String model, String answer) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", chat ? "chatcmpl-demo" : "cmpl-demo");
        root.put("object", chat ? "chat.completion" : "text_completion");
        root.put("created", 0);
        root.put("model", model);
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        if (chat) {
            choice.putObject("message").put("role", "assistant").put("content", answer);
        } else {
            choice.put("text", answer);
        }
        choice.put("finish_reason", "stop");
        int tokens = answer.split(" ").length;
        root.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", tokens).put("total_tokens", 10 + tokens);
        return root;
    }

    private void stream(Vertx vertx, HttpServerResponse response, boolean chat, String model, String answer) {
        response.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream");
        List<String> pieces = new ArrayList<>();
        String[] words = answer.split("(?<= )");
        for (String w : words) {
            pieces.add(w);
        }
        emit(vertx, response, chat, model, pieces, 0);
    }

    private void emit(Vertx vertx, HttpServerResponse response, boolean chat, String model, List<String> pieces, int i) {
        if (response.closed()) {
            return;
        }
        if (i == pieces.size()) {
            response.write(event(chunk(chat, model, null, "stop")));
            response.end("data: [DONE]\n\n");
            return;
        }
        response.write(event(chunk(chat, model, pieces.get(i), null)));
        if (tokenDelayMs > 0) {
            vertx.setTimer(tokenDelayMs, id -> emit(vertx, response, chat, model, pieces, i + 1));
        } else {
            emit(vertx, response, chat, model, pieces, i + 1);
        }
    }

    private static ObjectNode chunk(boolean chat, String model, String text, String finish) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", chat ? "chatcmpl-demo" : "cmpl-demo");
        root.put("object", chat ? "chat.completion.chunk" : "text_completion");
        root.put("created", 0);
        root.put("model", model);
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        if (chat) {
            ObjectNode delta = choice.putObject("delta");
            if (text != null) {
                delta.put("content", text);
            }
        } else {
            choice.put("text", text == null ? "" : text);
        }
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return root;
    }

    private static ObjectNode embeddings(JsonNode req, String model) {
        List<String> inputs = new ArrayList<>();
        JsonNode input = req.path("input");
        if (input.isTextual()) {
            inputs.add(input.textValue());
        } else {
            input.forEach(i -> inputs.add(i.asText()));
        }
        ObjectNode root = JSON.createObjectNode().put("object", "list").put("model", model);
        ArrayNode data = root.putArray("data");
        for (int i = 0; i < inputs.size(); i++) {
            ArrayNode vector = data.addObject().put("object", "embedding").put("index", i).putArray("embedding");
            byte[] bytes = inputs.get(i).getBytes(StandardCharsets.UTF_8);
            for (int d = 0; d < 8; d++) {
                int h = 17 + d;
                for (byte b : bytes) {
                    h = h * 31 + b;
                }
                vector.add((h % 1000) / 1000.0);
            }
        }
        root.putObject("usage").put("prompt_tokens", inputs.size()).put("total_tokens", inputs.size());
        return root;
    }

    private static ObjectNode error(String message) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("message", message).put("type", "invalid_request_error").putNull("param")
                .putNull("code");
        return root;
    }

    private static Buffer event(ObjectNode chunk) {
        return Buffer.buffer("data: " + chunk + "\n\n");
    }

    private static void json(HttpServerResponse response, int status, ObjectNode body) {
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.toString());
    }
}
