package dev.rampart.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rolling a policy out safely: monitor mode per pack and per rule, contested findings that mean something (near the
 * threshold, or voters on both sides of it), {@code on_error} per direction, and re-deciding a logged input.
 */
class PolicyRolloutTest {
    private static final String TAXONOMY = """
            categories:
              - { id: v, name: Violence }
              - { id: h, name: Hate }
            """;

    private static Policy policy(String yaml) {
        PolicyLoadResult r = PolicyLoader.parse("r.yaml", yaml);
        assertThat(r).isInstanceOf(PolicyLoadResult.Loaded.class);
        return ((PolicyLoadResult.Loaded) r).policy();
    }

    private static List<String> problems(String yaml) {
        PolicyLoadResult r = PolicyLoader.parse("r.yaml", yaml);
        assertThat(r).isInstanceOf(PolicyLoadResult.Invalid.class);
        return ((PolicyLoadResult.Invalid) r).problems().stream().map(dev.rampart.config.ConfigProblem::toString).toList();
    }

    private static ClassifierScores ok(String name, Map<String, Double> scores) {
        return ClassifierScores.ok(name, scores, List.of(), List.of("v", "h"));
    }

    @Test
    void should_allow_but_keep_the_would_be_block_when_the_pack_is_in_monitor_mode() {
        Policy monitor = policy("name: m\nsettings: { mode: monitor }\n" + TAXONOMY
                + "rules:\n  - { category: v, action: block, thresholds: 0.5 }\n");
        Decision d = monitor.decide(Direction.PROMPT, 0, List.of(ok("model", Map.of("v", 0.9))));
        assertThat(d).isInstanceOf(Decision.Allow.class);
        assertThat(d.wouldAction()).isEqualTo(Action.BLOCK);
        assertThat(d.firedCategories()).isEmpty();
        assertThat(d.monitoredCategories()).containsExactly("v");
        CategoryFinding f = d.findings().get(0);
        assertThat(f.fired()).isTrue();
        assertThat(f.enforced()).isFalse();
        assertThat(f.acted()).isEqualTo(Action.ALLOW);
        assertThat(f.action()).isEqualTo(Action.BLOCK);
        assertThat(monitor.mode()).isEqualTo(Mode.MONITOR);
    }

    @Test
    void should_enforce_one_rule_and_monitor_another_when_modes_are_set_per_rule() {
        Policy mixed = policy("name: m\n" + TAXONOMY + """
                rules:
                  - { category: v, action: flag, thresholds: 0.5 }
                  - { category: h, action: block, thresholds: 0.5, mode: monitor }
                """);
        Decision d = mixed.decide(Direction.PROMPT, 0, List.of(ok("model", Map.of("v", 0.9, "h", 0.9))));
        assertThat(d).isInstanceOf(Decision.Flag.class);
        assertThat(d.wouldAction()).isEqualTo(Action.BLOCK);
        assertThat(d.firedCategories()).containsExactly("v");
        assertThat(d.monitoredCategories()).containsExactly("h");
        assertThat(d.monitoredDifference()).isTrue();
    }

    @Test
    void should_let_a_rule_enforce_inside_a_monitored_pack() {
        Policy p = policy("name: m\nsettings: { mode: monitor }\n" + TAXONOMY
                + "rules:\n  - { category: v, action: block, thresholds: 0.5, mode: enforce }\n");
        assertThat(p.decide(Direction.PROMPT, 0, List.of(ok("model", Map.of("v", 0.9)))))
                .isInstanceOf(Decision.Block.class);
    }

    @Test
    void should_change_the_revision_when_only_the_mode_changes() {
        String rules = "rules:\n  - { category: v, action: block, thresholds: 0.5 }\n";
        Policy enforce = policy("name: m\n" + TAXONOMY + rules);
        Policy monitor = policy("name: m\nsettings: { mode: monitor }\n" + TAXONOMY + rules);
        assertThat(monitor.revision()).isNotEqualTo(enforce.revision());
    }

    @Test
    void should_mark_contested_when_the_score_is_within_the_margin_of_the_threshold() {
        Policy p = policy("name: c\nsettings: { contest_margin: 0.05 }\n" + TAXONOMY
                + "rules:\n  - { category: v, action: block, thresholds: 0.5 }\n");
        assertThat(p.decide(Direction.PROMPT, 0, List.of(ok("model", Map.of("v", 0.53)))).contested()).isTrue();
        assertThat(p.decide(Direction.PROMPT, 0, List.of(ok("model", Map.of("v", 0.47)))).contested()).isTrue();
        assertThat(p.decide(Direction.PROMPT, 0, List.of(ok("model", Map.of("v", 0.56)))).contested()).isFalse();
        assertThat(p.decide(Direction.PROMPT, 0, List.of(ok("model", Map.of("v", 0.44)))).contested()).isFalse();
    }

    @Test
    void should_mark_contested_when_classifiers_with_evidence_disagree_across_the_threshold() {
        Policy p = policy("name: c\nsettings: { contest_margin: 0.05 }\n" + TAXONOMY
                + "rules:\n  - { category: v, action: block, thresholds: 0.5 }\n");
        Decision split = p.decide(Direction.PROMPT, 0,
                List.of(ok("model", Map.of("v", 0.9)), ok("llama", Map.of("v", 0.3))));
        assertThat(split.contested()).isTrue();
        Decision agreeing = p.decide(Direction.PROMPT, 0,
                List.of(ok("model", Map.of("v", 0.9)), ok("llama", Map.of("v", 0.7))));
        assertThat(agreeing.contested()).isFalse();
    }

    @Test
    void should_not_count_a_classifier_without_evidence_as_a_dissenting_vote() {
        Policy p = policy("name: c\nsettings: { contest_margin: 0.05 }\n" + TAXONOMY
                + "rules:\n  - { category: v, action: block, thresholds: 0.5 }\n");
        // patterns cover v but found nothing: no evidence, no vote, so a clear model block is not contested
        ClassifierScores patterns = ClassifierScores.ok("patterns", Map.of(), List.of(), List.of("v"));
        Decision d = p.decide(Direction.PROMPT, 0, List.of(ok("model", Map.of("v", 0.9)), patterns));
        assertThat(d).isInstanceOf(Decision.Block.class);
        assertThat(d.contested()).isFalse();
        assertThat(patterns.hasEvidence("v")).isFalse();
    }

    @Test
    void should_fail_differently_per_direction_when_on_error_names_each() {
        Policy p = policy("name: e\n" + TAXONOMY + """
                rules:
                  - { category: v, action: block, thresholds: 0.5, on_error: { prompt: block, completion: flag } }
                """);
        List<ClassifierScores> failed = List.of(ClassifierScores.error("model", List.of("v"), "timeout"));
        Decision prompt = p.decide(Direction.PROMPT, 0, failed);
        Decision completion = p.decide(Direction.COMPLETION, 0, failed);
        assertThat(prompt).isInstanceOf(Decision.Block.class);
        assertThat(completion).isInstanceOf(Decision.Flag.class);
        assertThat(completion.findings().get(0).classifierError()).isTrue();
        assertThat(p.rule("v").orElseThrow().onError()).isEqualTo(new OnError(Action.BLOCK, Action.FLAG));
    }

    @Test
    void should_fail_closed_in_a_direction_on_error_leaves_out() {
        Policy p = policy("name: e\n" + TAXONOMY + """
                rules:
                  - { category: v, action: block, thresholds: 0.5, on_error: { completion: allow } }
                """);
        List<ClassifierScores> failed = List.of(ClassifierScores.error("model", List.of("v"), "timeout"));
        assertThat(p.decide(Direction.PROMPT, 0, failed)).isInstanceOf(Decision.Block.class);
        assertThat(p.decide(Direction.COMPLETION, 0, failed)).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void should_report_an_unknown_on_error_action_or_direction_and_an_unknown_mode_with_their_paths() {
        List<String> problems = problems("name: e\nsettings: { mode: monitr }\n" + TAXONOMY + """
                rules:
                  - { category: v, action: block, on_error: { prompt: blok, complete: flag } }
                  - { category: h, action: block, on_error: redact, mode: shadow }
                """);
        assertThat(problems).anyMatch(s -> s.contains("settings.mode: must be one of enforce, monitor"))
                .anyMatch(s -> s.contains("rules[0].on_error.prompt: must be one of block, flag, allow"))
                .anyMatch(s -> s.contains("rules[0].on_error.complete: unknown key"))
                .anyMatch(s -> s.contains("rules[1].on_error: must be one of block, flag, allow"))
                .anyMatch(s -> s.contains("rules[1].mode: must be one of enforce, monitor"));
    }

    @Test
    void should_re_decide_a_logged_input_under_a_candidate_pack() {
        Policy live = policy("name: p\n" + TAXONOMY + "rules:\n  - { category: v, action: block, thresholds: 0.8 }\n");
        Policy candidate = policy("name: p\n" + TAXONOMY
                + "rules:\n  - { category: v, action: block, thresholds: 0.6 }\n");
        List<ClassifierScores> scores = List.of(ok("model", Map.of("v", 0.7)));
        Decision logged = live.decide(Direction.COMPLETION, 2, scores);
        DecisionInput input = new DecisionInput(logged.policyRevision(), Direction.COMPLETION, 2, scores);
        assertThat(live.decide(input)).isEqualTo(logged);
        Decision redecided = candidate.decide(input);
        assertThat(logged).isInstanceOf(Decision.Allow.class);
        assertThat(redecided).isInstanceOf(Decision.Block.class);
        assertThat(redecided.policyRevision()).isEqualTo(candidate.revision());
    }
}
