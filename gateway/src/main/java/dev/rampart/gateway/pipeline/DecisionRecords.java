package dev.rampart.gateway.pipeline;

import dev.rampart.classifier.reward.RewardScores;
import dev.rampart.gateway.decisionlog.DecisionRecord;
import dev.rampart.gateway.decisionlog.SubjectHasher;
import dev.rampart.gateway.policy.Verdict;
import java.time.Clock;
import java.util.function.UnaryOperator;

/** Builds the decision log's record of one decision: who (pseudonymised), under which policy, why, how fast. */
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
                verdict.scores(), d.findings(), reward, latencyMicros / 1000.0, SubjectHasher.textHash(text),
                logContent ? text : null);
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
