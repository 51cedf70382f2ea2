package dev.rampart.gateway.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Parses request bodies strictly: UTF-8 only (invalid byte sequences and unpaired surrogates rejected), duplicate keys
 * rejected, bounded nesting depth, no trailing content, and the root must be an object. Every rejection is an
 * {@link ApiFault} with status 400; nothing of the body is echoed back.
 */
public final class StrictJson {
    private final ObjectMapper mapper;
    private final int maxDepth;

    public StrictJson(int maxDepth) {
        this.maxDepth = maxDepth;
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        .maxStringLength(64 * 1024 * 1024)
                        .maxNumberLength(100)
                        .build())
                .build();
        this.mapper = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Parses a request body that must be a JSON object. */
    public ObjectNode parseObject(Buffer body) {
        if (body.length() == 0) {
            throw ApiFault.of(ApiError.INVALID_JSON, "The request body is empty; a JSON object is required.");
        }
        byte[] bytes = body.getBytes();
        if (Utf8.firstInvalid(bytes) >= 0) {
            throw ApiFault.of(ApiError.INVALID_JSON, "The request body is not valid UTF-8.");
        }
        JsonNode node;
        try (JsonParser parser = mapper.getFactory().createParser(bytes)) {
            node = mapper.readTree(parser);
        } catch (StreamConstraintsException e) {
            throw ApiFault.of(ApiError.INVALID_JSON, null,
                    "The JSON body is nested too deeply (at most " + maxDepth + " levels) or has an oversized value.");
        } catch (IOException e) {
            throw ApiFault.of(ApiError.INVALID_JSON, describe(e));
        }
        if (node == null || !node.isObject()) {
            throw ApiFault.of(ApiError.INVALID_JSON, "The request body must be a JSON object.");
        }
        rejectUnpairedSurrogates(node, "");
        return (ObjectNode) node;
    }

    private static String describe(IOException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("Duplicate field")) {
            int start = m.indexOf('\'');
            int end = start < 0 ? -1 : m.indexOf('\'', start + 1);
            String field = end > start ? m.substring(start + 1, end) : "?";
            return "The JSON body has a duplicate key '" + truncate(field) + "'.";
        }
        if (m.contains("Invalid UTF-8") || m.contains("Invalid UTF8")) {
            return "The request body is not valid UTF-8.";
        }
        if (m.contains("Trailing token")) {
            return "The JSON body has content after the end of the object.";
        }
        return "We could not parse the JSON body of your request. The body must be a valid JSON object.";
    }

    private static void rejectUnpairedSurrogates(JsonNode node, String path) {
        if (node.isTextual()) {
            if (hasUnpairedSurrogate(node.textValue())) {
                throw ApiFault.of(ApiError.INVALID_JSON, path.isEmpty() ? null : path,
                        "The JSON body contains a string with an unpaired UTF-16 surrogate.");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (hasUnpairedSurrogate(e.getKey())) {
                    throw ApiFault.of(ApiError.INVALID_JSON, null,
                            "The JSON body contains a key with an unpaired UTF-16 surrogate.");
                }
                rejectUnpairedSurrogates(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                rejectUnpairedSurrogates(node.get(i), path + "[" + i + "]");
            }
        }
    }

    static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String truncate(String s) {
        String clean = s.replaceAll("[^A-Za-z0-9_.-]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) : clean;
    }
}
