package dev.rampart.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.core.buffer.Buffer;
import java.io.UncheckedIOException;

/**
 * A JSON tree as the UTF-8 bytes of a request or reply body, written straight to bytes: the same text as
 * {@link JsonNode#toString()}, without the intermediate {@code String} and its re-encoding.
 */
public final class JsonBuffers {
    /** Characters outside the BMP as their UTF-8 bytes, as the {@code String} route writes them (not as escapes). */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    private JsonBuffers() {
    }

    public static Buffer of(JsonNode node) {
        try {
            return Buffer.buffer(JSON.writeValueAsBytes(node));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain nodes always serialises
        }
    }
}
