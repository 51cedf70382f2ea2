package dev.rampart.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.decisionlog.DecisionRecord;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.Decision;
import dev.rampart.policy.Direction;
import dev.rampart.policy.Policy;
import dev.rampart.policy.PolicyLoadResult;
import dev.rampart.policy.PolicyLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's contested panel lists only contested decisions, newest first, with the contested findings. */
class DashboardContestedTest {
    private static final Policy POLICY = ((PolicyLoadResult.Loaded) PolicyLoader.parse("p.yaml", """
            name: p
            settings: { contest_margin: 0.05 }
            categories: [ { id: v, name: V } ]
            rules: [ { category: v, action: block, thresholds: 0.5 } ]
            """)).policy();

    private static DecisionRecord record(String id, double score) {
        List<ClassifierScores> scores = List.of(ClassifierScores.ok("m", Map.of("v", score), List.of(), List.of("v")));
        Decision d = POLICY.decide(Direction.PROMPT, 0, scores);
        return new DecisionRecord(id, id, Instant.parse("2026-01-01T00:00:00Z"), "chat_completions", "s", "t", 0.5, 0,
                "p", d.policyRevision(), Direction.PROMPT, d.action(), d.firedCategories(), d.contested(), scores,
                d.findings(), d.wouldAction(), d.monitoredCategories(), null, null, 1.0, "hash", null);
    }

    @Test
    void should_list_only_contested_decisions_newest_first() {
        DashboardState state = new DashboardState(new SimpleMeterRegistry());
        state.accept(record("near-p", 0.52));
        state.accept(record("clear-p", 0.95));
        state.accept(record("below-p", 0.47));
        ObjectNode snapshot = state.snapshot("rev");
        assertThat(snapshot.path("contested_total").asLong()).isEqualTo(2);
        assertThat(snapshot.path("contested").findValuesAsText("decision_id")).containsExactly("below-p", "near-p");
        assertThat(snapshot.path("contested").get(1).path("findings").get(0).path("contested").asBoolean()).isTrue();
    }
}
