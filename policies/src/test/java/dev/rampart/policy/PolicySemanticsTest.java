package dev.rampart.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Combination, precedence, contested marking, classifier errors and redaction, as pure functions. */
class PolicySemanticsTest {
    private static final String YAML = """
            name: semantics
            settings: { contest_margin: 0.1, refusal_message: default refusal }
            categories:
              - { id: v, name: Violence }
              - { id: p, name: PII }
              - { id: f, name: Flagged }
              - { id: q, name: Quiet }
            rules:
              - { category: v, action: block, thresholds: 0.5, message: no violence }
              - { category: p, action: redact, thresholds: 0.5 }
              - { category: f, action: flag, thresholds: 0.5 }
              - { category: q, action: block, thresholds: 0.5, on_error: allow, directions: [completion] }
            """;
    private final Policy policy = ((PolicyLoadResult.Loaded) PolicyLoader.parse("s.yaml", YAML)).policy();

    private static ClassifierScores ok(String name, Map<String, Double> scores, Span... spans) {
        return ClassifierScores.ok(name, scores, List.of(spans), List.copyOf(scores.keySet()));
    }

    @Test
    void should_combine_classifiers_by_maximum_and_name_the_deciding_classifier() {
        Decision d = policy.decide(Direction.PROMPT, 0, List.of(ok("a", Map.of("v", 0.2)), ok("b", Map.of("v", 0.9))));
        assertThat(d).isInstanceOf(Decision.Block.class);
        assertThat(d.findings().get(0).classifier()).isEqualTo("b");
        assertThat(((Decision.Block) d).refusalMessage()).isEqualTo("no violence");
    }

    @Test
    void should_mark_disagreeing_classifiers_as_contested() {
        Decision d = policy.decide(Direction.PROMPT, 0, List.of(ok("a", Map.of("v", 0.1)), ok("b", Map.of("v", 0.95))));
        assertThat(d.contested()).isTrue();
        Decision clear = policy.decide(Direction.PROMPT, 0, List.of(ok("a", Map.of("v", 0.95))));
        assertThat(clear.contested()).isFalse();
    }

    @Test
    void should_apply_precedence_block_over_redact_over_flag_and_list_every_fired_category() {
        Decision d = policy.decide(Direction.PROMPT, 0, List.of(ok("a", Map.of("v", 0.9, "p", 0.9, "f", 0.9),
                new Span(0, 2, "p"))));
        assertThat(d.action()).isEqualTo(Action.BLOCK);
        assertThat(d.firedCategories()).containsExactly("v", "p", "f");
        Decision r = policy.decide(Direction.PROMPT, 0, List.of(ok("a", Map.of("p", 0.9, "f", 0.9),
                new Span(5, 9, "p"), new Span(7, 12, "p"))));
        assertThat(r).isInstanceOfSatisfying(Decision.Redact.class, redact -> {
            assertThat(redact.spans()).containsExactly(new Span(5, 12, "p"));
            assertThat(redact.apply("0123456789abcdef")).isEqualTo("01234[REDACTED:p]cdef");
        });
    }

    @Test
    void should_fail_closed_or_open_per_category_when_a_classifier_errors() {
        ClassifierScores failed = ClassifierScores.error("remote", List.of("v", "q"), "timeout");
        Decision prompt = policy.decide(Direction.PROMPT, 0, List.of(failed));
        assertThat(prompt.action()).isEqualTo(Action.BLOCK);
        assertThat(prompt.findings().get(0).classifierError()).isTrue();
        Decision completion = policy.decide(Direction.COMPLETION, 0,
                List.of(ClassifierScores.error("remote", List.of("q"), "timeout")));
        assertThat(completion.action()).isEqualTo(Action.ALLOW);
        assertThat(completion.findings()).filteredOn(f -> f.category().equals("q"))
                .singleElement().satisfies(f -> assertThat(f.classifierError()).isTrue());
    }

    @Test
    void should_ignore_skipped_classifiers_and_apply_direction_rules() {
        Decision d = policy.decide(Direction.PROMPT, 0, List.of(ClassifierScores.skipped("x", List.of("v"))));
        assertThat(d.action()).isEqualTo(Action.ALLOW);
        assertThat(d.findings()).extracting(CategoryFinding::category).containsExactly("v", "p", "f");
    }
}
