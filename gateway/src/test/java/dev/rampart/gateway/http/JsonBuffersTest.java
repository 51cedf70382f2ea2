package dev.rampart.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonBuffersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void should_write_the_same_utf8_text_as_the_tree_to_string() throws Exception {
        JsonNode node = JSON.readTree("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Grüße \\u2028 \\\"zitiert\\\" 日本 \\ud83d\\ude00 \\u0000\"}],\"temperature\":0.7,\"n\":1e400,"
                + "\"big\":12345678901234567890123,\"stop\":null}");

        assertThat(JsonBuffers.of(node).toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(node.toString());
    }
}
