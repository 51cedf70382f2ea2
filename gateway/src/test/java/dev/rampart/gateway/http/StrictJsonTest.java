package dev.rampart.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class StrictJsonTest {
    private final StrictJson json = new StrictJson(8);

    @Test
    void should_parse_a_plain_object() {
        assertThat(json.parseObject(Buffer.buffer("{\"model\":\"m\",\"n\":1}")).get("model").textValue()).isEqualTo("m");
    }

    @Test
    void should_reject_duplicate_keys_naming_the_key() {
        assertThatThrownBy(() -> json.parseObject(Buffer.buffer("{\"model\":\"a\",\"model\":\"b\"}")))
                .isInstanceOfSatisfying(ApiFault.class, f -> {
                    assertThat(f.status()).isEqualTo(400);
                    assertThat(f.code()).isEqualTo("invalid_json");
                    assertThat(f.getMessage()).contains("duplicate key 'model'");
                });
    }

    @Test
    void should_reject_nesting_deeper_than_the_limit() {
        String deep = "{\"a\":" + "[".repeat(20) + "]".repeat(20) + "}";
        assertThatThrownBy(() -> json.parseObject(Buffer.buffer(deep)))
                .isInstanceOfSatisfying(ApiFault.class, f -> assertThat(f.getMessage()).contains("nested too deeply"));
    }

    @Test
    void should_reject_invalid_utf8() {
        byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThatThrownBy(() -> json.parseObject(Buffer.buffer(bytes)))
                .isInstanceOfSatisfying(ApiFault.class, f -> assertThat(f.getMessage()).contains("not valid UTF-8"));
    }

    @Test
    void should_reject_overlong_encodings_encoded_surrogates_and_code_points_past_the_last() {
        byte[][] invalid = {
                {(byte) 0xC0, (byte) 0xAF},                           // '/' in two bytes (overlong)
                {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},              // '/' in three bytes (overlong)
                {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF}, // '/' in four bytes (overlong)
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80},              // U+D800 encoded
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // U+110000
                {(byte) 0xFF},
                {(byte) 0xE2, (byte) 0x82},                           // cut short
        };
        for (byte[] sequence : invalid) {
            byte[] bytes = new byte[sequence.length + 10];
            System.arraycopy(new byte[] {'{', '"', 'a', '"', ':', '"'}, 0, bytes, 0, 6);
            System.arraycopy(sequence, 0, bytes, 6, sequence.length);
            System.arraycopy(new byte[] {'x', 'y', '"', '}'}, 0, bytes, 6 + sequence.length, 4);
            assertThatThrownBy(() -> json.parseObject(Buffer.buffer(bytes)))
                    .isInstanceOfSatisfying(ApiFault.class, f -> assertThat(f.getMessage()).contains("not valid UTF-8"));
        }
    }

    @Test
    void should_accept_every_well_formed_sequence_length() {
        String text = "a é € 😀 \uFFFD";
        assertThat(json.parseObject(Buffer.buffer("{\"a\":\"" + text + "\"}")).get("a").textValue()).isEqualTo(text);
    }

    @Test
    void should_reject_unpaired_surrogate_escapes() {
        assertThatThrownBy(() -> json.parseObject(Buffer.buffer("{\"a\":\"x\\ud800y\"}")))
                .isInstanceOfSatisfying(ApiFault.class, f -> {
                    assertThat(f.getMessage()).contains("unpaired");
                    assertThat(f.param()).isEqualTo("a");
                });
    }

    @Test
    void should_reject_trailing_content_and_non_objects() {
        assertThatThrownBy(() -> json.parseObject(Buffer.buffer("{} {}"))).isInstanceOf(ApiFault.class);
        assertThatThrownBy(() -> json.parseObject(Buffer.buffer("[1,2]"))).isInstanceOf(ApiFault.class);
        assertThatThrownBy(() -> json.parseObject(Buffer.buffer(""))).isInstanceOf(ApiFault.class);
        assertThatThrownBy(() -> json.parseObject(Buffer.buffer("{\"a\":"))).isInstanceOf(ApiFault.class);
    }

    @Test
    void should_never_echo_body_content_in_messages() {
        assertThatThrownBy(() -> json.parseObject(Buffer.buffer("{\"secret-prompt-text\" oops}")))
                .isInstanceOfSatisfying(ApiFault.class,
                        f -> assertThat(f.getMessage()).doesNotContain("secret-prompt-text"));
    }
}
