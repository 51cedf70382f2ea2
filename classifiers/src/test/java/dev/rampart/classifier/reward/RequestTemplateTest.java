package dev.rampart.classifier.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestTemplateTest {

    @Test
    void should_replace_placeholders_in_string_values_only_and_in_one_pass() {
        RequestTemplate t = RequestTemplate.parse(
                "{\"{prompt}\": 1, \"pair\": [\"Q: {prompt}\", \"A: {response}\"], \"n\": 2, \"m\": \"{model}\"}");
        JsonNode body = t.render(Map.of("prompt", "a \"{response}\" b\n", "response", "$1 \\ {prompt}", "model", "rm"));
        assertThat(body.path("pair").get(0).asText()).isEqualTo("Q: a \"{response}\" b\n");
        assertThat(body.path("pair").get(1).asText()).isEqualTo("A: $1 \\ {prompt}");
        assertThat(body.path("m").asText()).isEqualTo("rm");
        assertThat(body.path("n").asInt()).isEqualTo(2);
        assertThat(body.has("{prompt}")).isTrue();
        assertThat(body.toString()).contains("\\\"{response}\\\"");
    }

    @Test
    void should_leave_the_template_unchanged_between_renders() {
        RequestTemplate t = RequestTemplate.parse("{\"a\": \"{response}\"}");
        assertThat(t.render(Map.of("response", "one")).path("a").asText()).isEqualTo("one");
        assertThat(t.render(Map.of("response", "two")).path("a").asText()).isEqualTo("two");
        assertThat(t.placeholders()).containsExactly("response");
    }

    @Test
    void should_refuse_text_that_is_not_a_json_object_or_array() {
        assertThatThrownBy(() -> RequestTemplate.parse("{\"a\": ")).hasMessageStartingWith("must be JSON");
        assertThatThrownBy(() -> RequestTemplate.parse("42")).hasMessage("must be a JSON object or array");
    }
}
