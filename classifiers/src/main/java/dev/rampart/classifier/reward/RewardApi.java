package dev.rampart.classifier.reward;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.classifier.ClassificationInput.Turn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One API shape: how to write the request body and how to read the scores from the reply. Readers return every
 * configured attribute with a finite value, in the configured order, or throw {@link Malformed} naming what was wrong
 * (attribute names, counts and pointers from the configuration; never anything the server sent).
 */
sealed interface RewardApi {
    ObjectMapper JSON = new ObjectMapper();

    /** The request body for one input. */
    JsonNode request(RewardInput input);

    /** The scores in a parsed 2xx reply. */
    Map<String, Double> read(JsonNode reply);

    static RewardApi of(RewardConfig config) {
        return switch (config.type()) {
            case NVIDIA -> new Nvidia(config.model(), config.attributes());
            case VLLM_POOLING -> new VllmPooling(config.model(), config.attributes());
            case VLLM_CLASSIFY -> new VllmClassify(config.model(), config.attributes());
            case JSON -> new Json(config.model(), RequestTemplate.parse(config.requestTemplate()), config.fields());
        };
    }

    /**
     * NVIDIA's reward API: a chat completion request; the reply's {@code choices[0].logprobs.content} has one entry per
     * attribute, {@code {"token": "helpfulness", "logprob": 3.1}} (the score is in the {@code logprob} field).
     */
    record Nvidia(String model, List<String> attributes) implements RewardApi {
        @Override
        public JsonNode request(RewardInput input) {
            return chat(model, input);
        }

        @Override
        public Map<String, Double> read(JsonNode reply) {
            JsonNode content = reply.path("choices").path(0).path("logprobs").path("content");
            if (!content.isArray()) {
                throw new Malformed("no choices[0].logprobs.content");
            }
            Map<String, JsonNode> byToken = new HashMap<>();
            for (JsonNode entry : content) {
                JsonNode token = entry.path("token");
                if (token.isTextual()) {
                    byToken.putIfAbsent(token.textValue().strip(), entry.path("logprob"));
                }
            }
            Map<String, Double> scores = new LinkedHashMap<>();
            for (String attribute : attributes) {
                JsonNode value = byToken.get(attribute);
                if (value == null) {
                    throw new Malformed("no value for " + attribute);
                }
                scores.put(attribute, finite(value, attribute));
            }
            return scores;
        }
    }

    /**
     * vLLM's {@code /pooling} with chat messages (the server applies the model's chat template). The reply's
     * {@code data[0].data} is the head's raw output, never passed through an activation here: a number, a list with
     * one value per attribute, or a per-token list of such lists (read at its last token).
     */
    record VllmPooling(String model, List<String> attributes) implements RewardApi {
        @Override
        public JsonNode request(RewardInput input) {
            return chat(model, input);
        }

        @Override
        public Map<String, Double> read(JsonNode reply) {
            JsonNode data = reply.path("data").path(0).path("data");
            if (data.isMissingNode() || data.isNull()) {
                throw new Malformed("no data[0].data");
            }
            return outputs(data, attributes);
        }
    }

    /**
     * vLLM's {@code /classify} with chat messages and {@code use_activation: false}, so the head's raw logits come back
     * in {@code data[0].probs} (no sigmoid or softmax); a {@code data[0].logits} array is preferred when present.
     */
    record VllmClassify(String model, List<String> attributes) implements RewardApi {
        @Override
        public JsonNode request(RewardInput input) {
            return chat(model, input).put("use_activation", false);
        }

        @Override
        public Map<String, Double> read(JsonNode reply) {
            JsonNode first = reply.path("data").path(0);
            JsonNode values = first.path("logits").isArray() ? first.path("logits") : first.path("probs");
            if (!values.isArray()) {
                throw new Malformed("no data[0].probs");
            }
            return outputs(values, attributes);
        }
    }

    /** Any JSON endpoint: the body rendered from the template, each attribute's number read at its pointer. */
    record Json(String model, RequestTemplate template, Map<String, String> fields) implements RewardApi {
        @Override
        public JsonNode request(RewardInput input) {
            Map<String, String> values = new HashMap<>();
            values.put("prompt", input.prompt());
            values.put("response", input.response());
            values.put("model", model == null ? "" : model);
            return template.render(values);
        }

        @Override
        public Map<String, Double> read(JsonNode reply) {
            Map<String, Double> scores = new LinkedHashMap<>();
            fields.forEach((attribute, pointer) -> {
                JsonNode value = reply.at(JsonPointer.compile(pointer));
                if (value.isMissingNode() || value.isNull()) {
                    throw new Malformed("no value for " + attribute + " at " + pointer);
                }
                scores.put(attribute, finite(value, attribute));
            });
            return scores;
        }
    }

    /** A chat request body: {@code model} (when set) and the {@link #messages}. */
    private static ObjectNode chat(String model, RewardInput input) {
        ObjectNode body = JSON.createObjectNode();
        if (model != null) {
            body.put("model", model);
        }
        body.set("messages", messages(input));
        return body;
    }

    /** The chat messages: the conversation, then the prompt as {@code user}, then the response as {@code assistant}. */
    private static ArrayNode messages(RewardInput input) {
        ArrayNode messages = JSON.createArrayNode();
        for (Turn turn : input.messages()) {
            messages.addObject().put("role", turn.role()).put("content", turn.content());
        }
        return messages;
    }

    /** A head's outputs mapped to the attributes in order; a per-token list is read at its last token. */
    private static Map<String, Double> outputs(JsonNode data, List<String> attributes) {
        JsonNode values = data;
        while (values.isArray() && !values.isEmpty() && values.get(values.size() - 1).isArray()) {
            values = values.get(values.size() - 1);
        }
        List<JsonNode> numbers = new ArrayList<>();
        if (values.isArray()) {
            values.forEach(numbers::add);
        } else {
            numbers.add(values);
        }
        if (numbers.size() != attributes.size()) {
            throw new Malformed("expected " + attributes.size() + " output(s) for " + attributes + ", but the reply has "
                    + numbers.size());
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        for (int i = 0; i < attributes.size(); i++) {
            scores.put(attributes.get(i), finite(numbers.get(i), attributes.get(i)));
        }
        return scores;
    }

    private static double finite(JsonNode value, String attribute) {
        if (!value.isNumber()) {
            throw new Malformed(attribute + " is not a number");
        }
        double d = value.doubleValue();
        if (!Double.isFinite(d)) {
            throw new Malformed(attribute + " is not a finite number");
        }
        return d;
    }

    /** A reply that does not hold the expected scores; the message names what is missing, without the reply's text. */
    final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
