package dev.rampart.classifier.llamaguard;

import static dev.rampart.classifier.llamaguard.LlamaGuardFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rampart.classifier.llamaguard.LlamaGuardAnswer.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LlamaGuardAnswerTest {
    private static final Set<String> CODES = Set.of("S1", "S9", "S10");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Verdict completions(String fixture) throws Exception {
        return LlamaGuardAnswer.read(JSON.readTree(fixture(fixture)), LlamaGuardConfig.Api.COMPLETIONS, CODES);
    }

    private static Map.Entry<String, Map<String, Double>> token(String chosen, Object... alternatives) {
        Map<String, Double> alts = new LinkedHashMap<>();
        for (int i = 0; i < alternatives.length; i += 2) {
            alts.put((String) alternatives[i], (Double) alternatives[i + 1]);
        }
        return Map.entry(chosen, alts);
    }

    @Test
    void should_read_the_verdict_token_after_the_leading_newlines() throws Exception {
        Verdict v = completions("completions-unsafe-s9.json");
        assertThat(v.unsafe()).isTrue();
        assertThat(v.codes()).containsExactly("S9");
        double unsafe = Math.exp(-0.030214548110961914) + Math.exp(-13.780214309692383) + Math.exp(-15.155214309692383)
                + Math.exp(-11.280214309692383);
        double safe = Math.exp(-3.5177145004272461);
        assertThat(v.pUnsafe()).isCloseTo(unsafe / (unsafe + safe), within(1e-9));
        assertThat(v.pUnsafe()).isBetween(0.96, 0.98);
    }

    @Test
    void should_read_a_safe_answer_with_its_small_doubt() throws Exception {
        Verdict v = completions("completions-safe.json");
        assertThat(v.unsafe()).isFalse();
        assertThat(v.codes()).isEmpty();
        double safe = Math.exp(-0.0009110590326599777) + Math.exp(-12.250911235809326);
        double unsafe = Math.exp(-7.000911235809326);
        assertThat(v.pUnsafe()).isCloseTo(unsafe / (unsafe + safe), within(1e-9));
    }

    @Test
    void should_read_several_categories() throws Exception {
        Verdict v = completions("completions-unsafe-s1-s10.json");
        assertThat(v.codes()).containsExactly("S1", "S10");
        assertThat(v.pUnsafe()).isCloseTo(Math.exp(-0.0017) / (Math.exp(-0.0017) + Math.exp(-6.4)), within(1e-9));
    }

    @Test
    void should_read_the_chat_completions_shape() throws Exception {
        Verdict v = LlamaGuardAnswer.read(JSON.readTree(fixture("chat-unsafe-s9.json")), LlamaGuardConfig.Api.CHAT, CODES);
        assertThat(v.codes()).containsExactly("S9");
        double unsafe = Math.exp(-0.12692804634571075) + Math.exp(-10.5);
        assertThat(v.pUnsafe()).isCloseTo(unsafe / (unsafe + Math.exp(-2.1269280910491943)), within(1e-9));
    }

    @Test
    void should_refuse_answers_it_cannot_read() {
        assertThatThrownBy(() -> completions("completions-malformed.json"))
                .isInstanceOf(LlamaGuardAnswer.Unreadable.class).hasMessageContaining("neither 'safe' nor 'unsafe'");
        assertThatThrownBy(() -> completions("completions-unknown-code.json"))
                .isInstanceOf(LlamaGuardAnswer.Unreadable.class).hasMessageContaining("S15");
        assertThatThrownBy(() -> LlamaGuardAnswer.parse("\n\n", List.of(), CODES)).hasMessageContaining("empty");
        assertThatThrownBy(() -> LlamaGuardAnswer.parse("unsafe\nviolence", List.of(), CODES))
                .hasMessageContaining("malformed category code");
        assertThatThrownBy(() -> LlamaGuardAnswer.read(JSON.createObjectNode(), LlamaGuardConfig.Api.COMPLETIONS, CODES))
                .hasMessageContaining("no choices");
    }

    @Test
    void should_fall_back_when_only_one_verdict_word_or_no_log_probabilities_are_given() throws Exception {
        assertThat(LlamaGuardAnswer.parse("\n\nunsafe\nS1", List.of(token("\n\n", "\n\n", -0.0),
                token("unsafe", "unsafe", Math.log(0.8), "maybe", Math.log(0.1))), CODES).pUnsafe()).isCloseTo(0.8, within(1e-9));
        assertThat(LlamaGuardAnswer.parse("safe", List.of(token("safe", "safe", Math.log(0.9), "sure", Math.log(0.05))),
                CODES).pUnsafe()).isCloseTo(0.1, within(1e-9));
        assertThat(LlamaGuardAnswer.parse("unsafe", List.of(), CODES).pUnsafe()).isEqualTo(1.0);
        assertThat(LlamaGuardAnswer.parse("safe", List.of(), CODES).pUnsafe()).isEqualTo(0.0);
        assertThat(LlamaGuardAnswer.parse("\n\nUnsafe\n S1 , S9 ", List.of(), CODES).codes()).containsExactly("S1", "S9");
    }

    @Test
    void should_keep_the_score_on_the_side_of_the_verdict() throws Exception {
        Verdict v = LlamaGuardAnswer.parse("unsafe", List.of(token("unsafe", "unsafe", Math.log(0.3), "safe", Math.log(0.4))),
                CODES);
        assertThat(v.pUnsafe()).isEqualTo(0.5);
    }
}
