package dev.rampart.gateway.pipeline;

import dev.rampart.classifier.reward.RewardScores;
import dev.rampart.gateway.decisionlog.DecisionRecord;
import dev.rampart.gateway.decisionlog.SubjectHasher;
import dev.rampart.gateway.policy.Verdict;
import dev.rampart.policy.Decision;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Builds the decision log's record of one decision: who (pseudonymised), under which policy, why, how fast — with the
 * classifier scores, tier, direction and revision it was made on (so it can be re-decided), what monitor mode let
 * through, and the shadow pack's decision.
 */
final class DecisionRecords {
    private final Clock clock;
    private final UnaryOperator<String> subjectHash;
    private final boolean logContent;

    DecisionRecords(Clock clock, UnaryOperator<String> subjectHash, boolean logContent) {
        this.clock = clock;
        this.subjectHash = subjectHash;
        this.logContent = logContent;
    }

    /** The record of the prompt decision ({@code <request id>-p}). */
    DecisionRecord prompt(Outcome o, long latencyMicros) {
        return of(o.admitted().id() + "-p", o, o.prompt(), null, o.admitted().request().prompt().joined(), latencyMicros);
    }

    /** The record of the completion decision ({@code <request id>-c}), with the reward outcome. */
    DecisionRecord completion(Outcome o, long latencyMicros) {
        CompletionVerdict c = o.completion();
        return of(o.admitted().id() + "-c", o, c.verdict(), reward(o.reward()), c.text(), latencyMicros);
    }

    private DecisionRecord of(String decisionId, Outcome o, Verdict verdict, DecisionRecord.Reward reward, String text,
                              long latencyMicros) {
        Admitted a = o.admitted();
        var d = verdict.decision();
        return new DecisionRecord(decisionId, a.id(), clock.instant(), a.endpoint().metricName(),
                subjectHash.apply(a.caller().mostSpecificSubject()), a.caller().tenant(), a.trust().score(), a.trust().tier(),
                a.policy().name(), d.policyRevision(), d.direction(), d.action(), d.firedCategories(), d.contested(),
                verdict.scores(), d.findings(), d.wouldAction(), d.monitoredCategories(), shadow(a, verdict), reward,
                latencyMicros / 1000.0, SubjectHasher.textHash(text), logContent ? text : null);
    }

    private static DecisionRecord.Shadow shadow(Admitted a, Verdict verdict) {
        Decision s = verdict.shadow();
        if (s == null || a.guard().shadow() == null) {
            return null;
        }
        List<String> fired = new ArrayList<>(s.firedCategories());
        fired.addAll(s.monitoredCategories());
        return new DecisionRecord.Shadow(a.guard().shadow().policy().name(), s.policyRevision(), s.action(),
                s.wouldAction(), fired, s.contested());
    }

    private static DecisionRecord.Reward reward(RewardOutcome r) {
        if (r == null || r.status() == null) {
            return null;
        }
        RewardScores s = r.scores();
        return new DecisionRecord.Reward(r.status().wireName(), s == null ? null : s.scorer(),
                s == null ? null : s.attributes(), s == null ? null : s.error(), r.attempts(), r.flags());
    }
}
