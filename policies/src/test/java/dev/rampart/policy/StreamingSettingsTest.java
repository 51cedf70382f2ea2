package dev.rampart.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.config.ConfigProblem;
import org.junit.jupiter.api.Test;

class StreamingSettingsTest {

    private static PolicyLoadResult load(String streaming) {
        return PolicyLoader.parse("s.yaml", "extends: builtin:default\nsettings:\n  streaming: " + streaming + "\n");
    }

    @Test
    void should_measure_in_tokens_when_the_sizes_are_given_in_tokens_with_token_defaults_for_the_rest() {
        StreamingSettings s = ((PolicyLoadResult.Loaded) load("{ mode: async, window_tokens: 64 }")).policy().streaming();
        assertThat(s.unit()).isEqualTo(StreamingSettings.Unit.TOKENS);
        assertThat(s.window()).isEqualTo(64);
        assertThat(s.overlap()).isEqualTo(StreamingSettings.TOKEN_DEFAULT.overlap());
        assertThat(s.maxHoldback()).isEqualTo(StreamingSettings.TOKEN_DEFAULT.maxHoldback());
        assertThat(s.mode()).isEqualTo(StreamingSettings.Mode.ASYNC);
    }

    @Test
    void should_keep_characters_by_default_and_change_the_revision_with_the_unit() {
        Policy chars = ((PolicyLoadResult.Loaded) load("{ window_chars: 400 }")).policy();
        Policy tokens = ((PolicyLoadResult.Loaded) load("{ window_tokens: 100 }")).policy();
        assertThat(chars.streaming().unit()).isEqualTo(StreamingSettings.Unit.CHARS);
        assertThat(chars.revision()).isNotEqualTo(tokens.revision());
    }

    @Test
    void should_refuse_sizes_in_both_units_and_an_overlap_as_large_as_the_window() {
        PolicyLoadResult mixed = load("{ window_chars: 400, overlap_tokens: 10 }");
        assertThat(((PolicyLoadResult.Invalid) mixed).problems()).extracting(ConfigProblem::toString)
                .anyMatch(p -> p.contains("settings.streaming") && p.contains("not both"));
        PolicyLoadResult overlap = load("{ window_tokens: 10, overlap_tokens: 10 }");
        assertThat(((PolicyLoadResult.Invalid) overlap).problems()).extracting(ConfigProblem::toString)
                .anyMatch(p -> p.contains("settings.streaming.overlap_tokens: must be smaller than window_tokens (10)"));
    }
}
