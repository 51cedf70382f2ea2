package dev.rampart.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.config.ConfigProblem;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RewardPolicyTest {
    private static final String BASE = "extends: builtin:default\n";

    private static PolicyLoadResult load(String reward) {
        return PolicyLoader.parse("reward.yaml", BASE + reward);
    }

    @Test
    void should_read_thresholds_per_tier_and_judge_scores_against_them() {
        Policy p = ((PolicyLoadResult.Loaded) load("""
                reward:
                  scorer: nemotron
                  sample_rate: 0.25
                  rules:
                    - { attribute: correctness, below: 1.5, action: flag }
                    - { attribute: helpfulness, below: { tier0: 2.0, tier1: 2.0, tier2: 1.0, tier3: 0.5 }, action: regenerate }
                  regenerate: { max_attempts: 3 }
                  over_refusal: { helpfulness_below: 1.0 }
                """)).policy();
        RewardPolicy r = p.reward().orElseThrow();
        assertThat(r.scorer()).isEqualTo("nemotron");
        assertThat(r.sampleRate()).isEqualTo(0.25);
        assertThat(r.maxAttempts()).isEqualTo(3);
        assertThat(r.headers()).isTrue();
        assertThat(r.body()).isFalse();
        RewardPolicy.RewardVerdict low = r.judge(Map.of("correctness", 1.0, "helpfulness", 1.5), 0);
        assertThat(low.flagged()).isTrue();
        assertThat(low.regenerate()).isTrue();
        assertThat(low.reasons()).containsExactly(new RewardPolicy.RewardReason("correctness", 1.5),
                new RewardPolicy.RewardReason("helpfulness", 2.0));
        assertThat(low.reasons()).extracting(Object::toString).containsExactly("correctness<1.5", "helpfulness<2.0");
        assertThat(r.judge(Map.of("correctness", 3.0, "helpfulness", 1.5), 2)).isEqualTo(RewardPolicy.RewardVerdict.PASS);
        assertThat(r.overRefusal(Map.of("helpfulness", 0.4))).isTrue();
        assertThat(r.overRefusal(Map.of("helpfulness", 3.0))).isFalse();
    }

    @Test
    void should_change_the_revision_when_the_reward_section_changes() {
        String a = ((PolicyLoadResult.Loaded) load("reward:\n  rules: [{ attribute: correctness, below: 1.5, action: flag }]\n"))
                .policy().revision();
        String b = ((PolicyLoadResult.Loaded) load("reward:\n  rules: [{ attribute: correctness, below: 2.5, action: flag }]\n"))
                .policy().revision();
        assertThat(a).isNotEqualTo(b);
        assertThat(((PolicyLoadResult.Loaded) PolicyLoader.loadDefault()).policy().reward()).isEmpty();
    }

    @Test
    void should_report_every_problem_of_a_reward_section_with_its_path() {
        PolicyLoadResult r = load("""
                reward:
                  mode: background
                  sample_rate: 2
                  best_of_n: 3
                  colour: red
                  rules:
                    - { attribute: helpfulness, below: { tier0: 1 }, action: regenerate }
                    - { below: 1, action: shout }
                """);
        assertThat(r).isInstanceOf(PolicyLoadResult.Invalid.class);
        assertThat(((PolicyLoadResult.Invalid) r).problems()).extracting(ConfigProblem::toString)
                .anyMatch(s -> s.contains("reward.sample_rate"))
                .anyMatch(s -> s.contains("reward.colour"))
                .anyMatch(s -> s.contains("reward.rules[0].below.tier1"))
                .anyMatch(s -> s.contains("reward.rules[1].attribute"))
                .anyMatch(s -> s.contains("reward.rules[1].action"))
                .anyMatch(s -> s.contains("reward.mode") && s.contains("background"))
                .anyMatch(s -> s.contains("reward.regenerate.max_attempts"));
    }

    @Test
    void should_rank_candidates_by_the_attributes_the_rules_watch() {
        RewardPolicy r = ((PolicyLoadResult.Loaded) load(
                "reward:\n  rules: [{ attribute: helpfulness, below: 1, action: flag }]\n")).policy().reward().orElseThrow();
        assertThat(r.rank(Map.of("helpfulness", 3.0, "verbosity", 4.0)))
                .isGreaterThan(r.rank(Map.of("helpfulness", 2.0, "verbosity", 0.0)));
    }
}
