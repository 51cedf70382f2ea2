package dev.rampart.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.http.ApiFault;
import dev.rampart.gateway.http.StrictJson;
import io.vertx.core.buffer.Buffer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestValidatorTest {
    private final StrictJson json = new StrictJson(64);

    private ObjectNode body(String s) {
        return json.parseObject(Buffer.buffer(s));
    }

    @Test
    void should_collect_every_text_of_every_role_including_tool_arguments() {
        ParsedRequest r = RequestValidator.validate(Endpoint.CHAT_COMPLETIONS, body("""
                {"model":"m","messages":[
                  {"role":"system","content":"sys"},
                  {"role":"user","content":[{"type":"text","text":"part1"}]},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"1","type":"function","function":{"name":"f","arguments":"{\\"q\\":1}"}}]},
                  {"role":"user","content":"last"}]}"""));
        assertThat(r.prompt().slots()).extracting(TextSlot::role, TextSlot::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple("system", "sys"),
                org.assertj.core.groups.Tuple.tuple("user", "part1"),
                org.assertj.core.groups.Tuple.tuple("assistant", "f"),
                org.assertj.core.groups.Tuple.tuple("assistant", "{\"q\":1}"),
                org.assertj.core.groups.Tuple.tuple("user", "last"));
        assertThat(r.prompt().joined()).isEqualTo("sys\n\npart1\n\nf\n\n{\"q\":1}\n\nlast");
        assertThat(r.stream()).isFalse();
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of(Endpoint.CHAT_COMPLETIONS, "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "model"),
                Arguments.of(Endpoint.CHAT_COMPLETIONS, "{\"model\":1,\"messages\":[]}", "model"),
                Arguments.of(Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\"}", "messages"),
                Arguments.of(Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":[]}", "messages"),
                Arguments.of(Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":\"hi\"}", "messages"),
                Arguments.of(Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":[{\"content\":\"x\"}]}", "messages[0].role"),
                Arguments.of(Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}", "messages[0].role"),
                Arguments.of(Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]}", "messages[0].content"),
                Arguments.of(Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":5}]}", "messages[0].content"),
                Arguments.of(Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":3}", "temperature"),
                Arguments.of(Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":\"hot\"}", "temperature"),
                Arguments.of(Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"n\":0}", "n"),
                Arguments.of(Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"n\":1.5}", "n"),
                Arguments.of(Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":\"yes\"}", "stream"),
                Arguments.of(Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream_options\":{}}", "stream_options"),
                Arguments.of(Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stop\":[1]}", "stop"),
                Arguments.of(Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"top_p\":-0.1}", "top_p"),
                Arguments.of(Endpoint.CHAT_COMPLETIONS, "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":0}", "max_tokens"),
                Arguments.of(Endpoint.COMPLETIONS, "{\"model\":\"m\"}", "prompt"),
                Arguments.of(Endpoint.COMPLETIONS, "{\"model\":\"m\",\"prompt\":[1,2,3]}", "prompt"),
                Arguments.of(Endpoint.COMPLETIONS, "{\"model\":\"m\",\"prompt\":[[1,2]]}", "prompt"),
                Arguments.of(Endpoint.EMBEDDINGS, "{\"model\":\"m\",\"input\":\"\"}", "input"),
                Arguments.of(Endpoint.EMBEDDINGS, "{\"model\":\"m\",\"input\":[]}", "input"),
                Arguments.of(Endpoint.EMBEDDINGS, "{\"model\":\"m\",\"input\":\"x\",\"encoding_format\":\"hex\"}", "encoding_format"),
                Arguments.of(Endpoint.MODERATIONS, "{}", "input"),
                Arguments.of(Endpoint.MODERATIONS, "{\"input\":[{\"type\":\"audio\"}]}", "input[0].type"));
    }

    @ParameterizedTest(name = "{0} {1} -> param {2}")
    @MethodSource("badRequests")
    void should_reject_bad_input_with_a_400_naming_the_param(Endpoint endpoint, String body, String param) {
        assertThatThrownBy(() -> RequestValidator.validate(endpoint, body(body)))
                .isInstanceOfSatisfying(ApiFault.class, f -> {
                    assertThat(f.status()).isEqualTo(400);
                    assertThat(f.type()).isEqualTo("invalid_request_error");
                    assertThat(f.param()).isEqualTo(param);
                });
    }

    @Test
    void should_rewrite_only_the_redacted_slot() {
        ParsedRequest r = RequestValidator.validate(Endpoint.CHAT_COMPLETIONS, body("""
                {"model":"m","messages":[{"role":"system","content":"be nice"},{"role":"user","content":"mail me at a@b.co now"}]}"""));
        int start = r.prompt().joined().indexOf("a@b.co");
        var redact = new dev.rampart.policy.Decision.Redact("rev", dev.rampart.policy.Direction.PROMPT,
                java.util.List.of(), false,
                java.util.List.of(new dev.rampart.policy.Span(start, start + 6, "pii")), "[REDACTED:{category}]");
        r.prompt().apply(redact);
        assertThat(r.body().toString()).contains("\"be nice\"").contains("mail me at [REDACTED:pii] now")
                .doesNotContain("a@b.co");
    }
}
