package dev.rampart.gateway.decisionlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rampart.policy.Action;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.Decision;
import dev.rampart.policy.Direction;
import dev.rampart.policy.Policy;
import dev.rampart.policy.PolicyLoadResult;
import dev.rampart.policy.PolicyLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorded log replays: records written by the real log and read back keep everything needed to re-decide them
 * (every classifier's evidence, failures with what they cover, tier, direction, revision), and a candidate pack's
 * changes are counted per category with example ids.
 */
class ReplayTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final String TAXONOMY = """
            categories:
              - { id: v, name: Violence }
              - { id: h, name: Hate }
              - { id: p, name: PII }
            """;
    private static final Policy LIVE = policy("""
            rules:
              - { category: v, action: block, thresholds: { tier0: 0.5, tier1: 0.5, tier2: 0.8, tier3: 0.8 } }
              - { category: h, action: block, thresholds: 0.5 }
              - { category: p, action: redact, thresholds: 0.5, on_error: allow }
            """);

    private static Policy policy(String rules) {
        return ((PolicyLoadResult.Loaded) PolicyLoader.parse("p.yaml", "name: p\n" + TAXONOMY + rules)).policy();
    }

    private static DecisionRecord record(String id, Direction direction, int tier, List<ClassifierScores> scores) {
        Decision d = LIVE.decide(direction, tier, scores);
        return new DecisionRecord(id, "r-" + id, CLOCK.instant(), "chat_completions", "s", "t", 0.5, tier, LIVE.name(),
                d.policyRevision(), direction, d.action(), d.firedCategories(), d.contested(), scores, d.findings(),
                d.wouldAction(), d.monitoredCategories(), null, null, 1.0, "hash", null);
    }

    private static List<DecisionRecord> recorded(Path dir) throws Exception {
        try (DecisionLog log = new DecisionLog(dir, 1 << 20, 3, 50, CLOCK)) {
            log.append(record("a-p", Direction.PROMPT, 0,
                    List.of(ClassifierScores.ok("model", Map.of("v", 0.6, "h", 0.0), List.of(), List.of("v", "h")))));
            log.append(record("b-p", Direction.PROMPT, 2,
                    List.of(ClassifierScores.ok("model", Map.of("v", 0.6), List.of(), List.of("v", "h")))));
            log.append(record("b-c", Direction.COMPLETION, 2,
                    List.of(ClassifierScores.ok("model", Map.of("h", 0.7), List.of(), List.of("v", "h")))));
            log.append(record("c-c", Direction.COMPLETION, 0,
                    List.of(ClassifierScores.error("model", List.of("v", "h", "p"), "timeout"))));
        }
        List<DecisionRecord> out = new ArrayList<>();
        DecisionLogReader.read(dir, n -> out.add(DecisionRecordJson.read(n)));
        return out;
    }

    @Test
    void should_re_decide_every_recorded_decision_exactly_as_logged_under_the_same_pack(@TempDir Path dir)
            throws Exception {
        List<DecisionRecord> records = recorded(dir);
        assertThat(records).hasSize(4);
        for (DecisionRecord r : records) {
            Decision again = LIVE.decide(r.input());
            assertThat(again.action()).as(r.decisionId()).isEqualTo(r.action());
            assertThat(again.firedCategories()).as(r.decisionId()).isEqualTo(r.categories());
        }
        assertThat(records.get(0).classifiers().get(0).hasEvidence("h")).isTrue(); // a zero is a vote, kept
        assertThat(records.get(3).classifiers().get(0).covers()).containsExactly("v", "h", "p");
        Replay same = new Replay(LIVE);
        records.forEach(same::add);
        assertThat(same.changed()).isZero();
        assertThat(same.replayed()).isEqualTo(4);
    }

    @Test
    void should_count_newly_blocked_and_newly_allowed_decisions_per_category_with_examples(@TempDir Path dir)
            throws Exception {
        Policy candidate = policy("""
                rules:
                  - { category: v, action: block, thresholds: 0.5, locked: true }
                  - { category: h, action: flag, thresholds: 0.5, on_error: allow }
                  - { category: p, action: redact, thresholds: 0.5, on_error: allow }
                """);
        Replay replay = new Replay(candidate);
        recorded(dir).forEach(replay::add);
        // b-p: v 0.6 at tier 2 was under 0.8, locked now → newly blocked
        assertThat(replay.categories().get("v").newlyBlocked()).isEqualTo(1);
        assertThat(replay.categories().get("v").blockedExamples()).containsExactly("b-p");
        // c-c: h failed closed before, fails open now → newly allowed; also v stays blocked (fail closed)
        assertThat(replay.categories().get("h").newlyAllowed()).isEqualTo(1);
        assertThat(replay.categories().get("h").allowedExamples()).containsExactly("c-c");
        // b-c: h 0.7 blocked before, flags now
        assertThat(replay.categories().get("h").otherwise()).isEqualTo(1);
        assertThat(replay.categories()).doesNotContainKey("p");
        assertThat(replay.changed()).isEqualTo(3);
        assertThat(ChangeBudget.parse("2").exceededBy(replay.changed(), replay.replayed())).isTrue();
        assertThat(ChangeBudget.parse("75%").exceededBy(replay.changed(), replay.replayed())).isFalse();
        assertThat(ChangeBudget.parse("50%").exceededBy(replay.changed(), replay.replayed())).isTrue();
    }

    @Test
    void should_refuse_a_budget_that_is_neither_a_count_nor_a_share() {
        assertThatThrownBy(() -> ChangeBudget.parse("lots")).hasMessageContaining("but was 'lots'");
        assertThatThrownBy(() -> ChangeBudget.parse("120%")).hasMessageContaining("between 0% and 100%");
    }

    @Test
    void should_keep_monitored_findings_and_the_would_action_through_the_log(@TempDir Path dir) throws Exception {
        Policy monitor = ((PolicyLoadResult.Loaded) PolicyLoader.parse("m.yaml", "name: m\nsettings: { mode: monitor }\n"
                + TAXONOMY + "rules:\n  - { category: v, action: block, thresholds: 0.5 }\n")).policy();
        List<ClassifierScores> scores = List.of(ClassifierScores.ok("model", Map.of("v", 0.9), List.of(), List.of("v")));
        Decision d = monitor.decide(Direction.PROMPT, 0, scores);
        try (DecisionLog log = new DecisionLog(dir, 1 << 20, 3, 50, CLOCK)) {
            log.append(new DecisionRecord("m-p", "m", CLOCK.instant(), "chat_completions", "s", "t", 0.5, 0, "m",
                    d.policyRevision(), Direction.PROMPT, d.action(), d.firedCategories(), d.contested(), scores,
                    d.findings(), d.wouldAction(), d.monitoredCategories(),
                    new DecisionRecord.Shadow("candidate", "abc", Action.BLOCK, Action.BLOCK, List.of("v"), false),
                    null, 1.0, "hash", null));
        }
        List<DecisionRecord> back = new ArrayList<>();
        DecisionLogReader.read(dir, n -> back.add(DecisionRecordJson.read(n)));
        DecisionRecord r = back.get(0);
        assertThat(r.action()).isEqualTo(Action.ALLOW);
        assertThat(r.wouldAction()).isEqualTo(Action.BLOCK);
        assertThat(r.monitored()).containsExactly("v");
        assertThat(r.findings().get(0).enforced()).isFalse();
        assertThat(r.shadow().policyRevision()).isEqualTo("abc");
        Replay enforce = new Replay(policy("rules:\n  - { category: v, action: block, thresholds: 0.5 }\n"));
        enforce.add(r);
        assertThat(enforce.categories().get("v").newlyBlocked()).isEqualTo(1);
    }
}
