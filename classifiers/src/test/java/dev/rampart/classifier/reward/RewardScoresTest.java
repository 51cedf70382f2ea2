package dev.rampart.classifier.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.classifier.ClassificationInput.Turn;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RewardScoresTest {

    @Test
    void should_keep_attributes_in_order_and_answer_lookups() {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("verbosity", 1.9);
        scores.put("helpfulness", 3.1);
        RewardScores r = RewardScores.scored("helpsteer", scores).withLatency(Duration.ofMillis(42));
        scores.put("coherence", 4.0);
        assertThat(r.attributes()).containsOnlyKeys("verbosity", "helpfulness");
        assertThat(r.attributes().keySet()).containsExactly("verbosity", "helpfulness");
        assertThat(r.isScored()).isTrue();
        assertThat(r.attribute("helpfulness")).hasValue(3.1);
        assertThat(r.attribute("coherence")).isEmpty();
        assertThat(r.latency()).isEqualTo(Duration.ofMillis(42));
        assertThatThrownBy(() -> r.attributes().put("x", 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void should_carry_a_cause_and_no_scores_when_unscored() {
        RewardScores r = RewardScores.unscored("helpsteer", "timed out after 200 ms");
        assertThat(r.status()).isEqualTo(RewardScores.Status.UNSCORED);
        assertThat(r.isScored()).isFalse();
        assertThat(r.attributes()).isEmpty();
        assertThat(r.attribute("helpfulness")).isEmpty();
        assertThat(r.error()).isEqualTo("timed out after 200 ms");
        assertThat(r.latency()).isNull();
    }

    @Test
    void should_refuse_inconsistent_values() {
        assertThatThrownBy(() -> RewardScores.scored("x", Map.of("reward", Double.NaN)))
                .hasMessageContaining("attribute reward must be a finite number, but was NaN");
        assertThatThrownBy(() -> RewardScores.scored("x", Map.of()))
                .hasMessageContaining("a scored result needs at least one attribute");
        assertThatThrownBy(() -> RewardScores.unscored("x", " "))
                .hasMessageContaining("an unscored result needs an error");
        assertThatThrownBy(() -> new RewardScores("x", RewardScores.Status.UNSCORED, Map.of("reward", 1.0), "e", null))
                .hasMessageContaining("an unscored result has no attributes");
        assertThatThrownBy(() -> RewardScores.unscored(" ", "e")).hasMessageContaining("scorer must not be blank");
        assertThatThrownBy(() -> RewardScores.unscored("x", "e").withLatency(Duration.ofMillis(-1)))
                .hasMessageContaining("latency must not be negative");
    }

    @Test
    void should_never_show_the_text_of_an_input() {
        RewardInput input = new RewardInput("my secret prompt", "my secret answer",
                List.of(new Turn("system", "secret system")));
        assertThat(input.toString()).doesNotContain("secret")
                .isEqualTo("RewardInput[prompt=16 chars, response=16 chars, conversation=1 turns]");
        assertThat(input.messages()).extracting(Turn::role).containsExactly("system", "user", "assistant");
        assertThat(RewardInput.of("p", "r").conversation()).isEmpty();
    }
}
