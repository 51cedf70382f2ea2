package dev.rampart.gateway.decisionlog;

import dev.rampart.policy.Action;
import dev.rampart.policy.Direction;
import java.time.Instant;
import java.util.List;

/** Minimal decision records for the log's own tests. */
final class TestRecords {
    private TestRecords() {
    }

    static DecisionRecord allow(String decisionId, String text) {
        return new DecisionRecord(decisionId, "r-" + decisionId, Instant.parse("2026-01-01T00:00:00Z"), "chat_completions",
                "subject", "tenant", 0.5, 0, "default", "rev", Direction.PROMPT, Action.ALLOW, List.of(), false,
                List.of(), List.of(), Action.ALLOW, List.of(), null, null, 1.0, "hash", text);
    }
}
