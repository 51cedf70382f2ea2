package dev.rampart.trust.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a request says about its caller and about the model. */
class EvidenceRuleTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static RequestOutcome.Finding scored(String category, Outcome outcome) {
        return new RequestOutcome.Finding(category, outcome, false);
    }

    private static RequestOutcome.Finding errored(String category) {
        return new RequestOutcome.Finding(category, Outcome.BLOCKED, true);
    }

    @Test
    void should_count_a_prompt_block_decided_on_scores_as_a_full_violation() {
        Interaction i = EvidenceRule.callerEvidence(new RequestOutcome("r", T, List.of(scored("S9", Outcome.BLOCKED)),
                false, List.of())).orElseThrow();
        assertThat(i.outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(i.severity()).isEqualTo(1.0);
        assertThat(i.categories()).containsExactly("S9");
    }

    @Test
    void should_count_a_prompt_flag_at_half_severity() {
        Interaction i = EvidenceRule.callerEvidence(new RequestOutcome("r", T, List.of(scored("S6", Outcome.FLAGGED)),
                false, List.of())).orElseThrow();
        assertThat(i.outcome()).isEqualTo(Outcome.FLAGGED);
        assertThat(i.severity()).isEqualTo(0.5);
    }

    @Test
    void should_not_count_a_block_caused_by_classifier_errors_at_all() {
        RequestOutcome outage = new RequestOutcome("r", T, List.of(errored("S1"), errored("S9")), true, List.of());
        assertThat(EvidenceRule.callerEvidence(outage)).isEmpty();
    }

    @Test
    void should_not_credit_a_clean_prompt_while_a_classifier_failed() {
        assertThat(EvidenceRule.callerEvidence(new RequestOutcome("r", T, List.of(), true, List.of()))).isEmpty();
    }

    @Test
    void should_count_the_scored_part_when_errors_and_scores_both_fired() {
        Interaction i = EvidenceRule.callerEvidence(new RequestOutcome("r", T,
                List.of(errored("S1"), scored("S6", Outcome.FLAGGED)), true, List.of())).orElseThrow();
        assertThat(i.outcome()).isEqualTo(Outcome.FLAGGED);
        assertThat(i.categories()).containsExactly("S6");
    }

    @Test
    void should_count_a_clean_prompt_as_clean_even_when_the_reply_was_blocked() {
        RequestOutcome r = new RequestOutcome("r", T, List.of(), false, List.of(scored("S9", Outcome.BLOCKED)));
        assertThat(EvidenceRule.callerEvidence(r).orElseThrow().outcome()).isEqualTo(Outcome.CLEAN);
        assertThat(EvidenceRule.modelEvidence(r).orElseThrow().outcome()).isEqualTo(Outcome.BLOCKED);
    }

    @Test
    void should_record_nothing_about_the_caller_when_the_prompt_was_not_judged() {
        assertThat(EvidenceRule.callerEvidence(new RequestOutcome("r", T, null, false, List.of()))).isEmpty();
    }
}
