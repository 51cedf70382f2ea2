package dev.rampart.gateway.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.decisionlog.SubjectHasher;
import dev.rampart.policy.CategoryFinding;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.Decision;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/** Builds the decision log's record of one decision: who (pseudonymised), under which policy, why, how fast. */
final class DecisionRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DecisionRecords() {
    }

    static ObjectNode of(String decisionId, Exchange x, Decision decision, List<ClassifierScores> scores, String text,
                         long latencyMicros, UnaryOperator<String> subjectHash, boolean logContent) {
        ObjectNode r = JSON.createObjectNode();
        r.put("decision_id", decisionId);
        r.put("request_id", x.id);
        r.put("time", Instant.now().toString());
        r.put("route", x.endpoint.metricName());
        r.put("subject", subjectHash.apply(x.caller.subject()));
        r.put("tenant", x.caller.tenant());
        r.put("trust_score", x.trust.score());
        r.put("tier", x.trust.tier());
        r.put("policy", x.guard.policy().name());
        r.put("policy_revision", decision.policyRevision());
        r.put("direction", decision.direction().wireName());
        r.put("action", decision.action().wireName());
        ArrayNode categories = r.putArray("categories");
        decision.firedCategories().forEach(categories::add);
        r.put("contested", decision.contested());
        ArrayNode classifiers = r.putArray("classifiers");
        for (ClassifierScores s : scores) {
            ObjectNode c = classifiers.addObject();
            c.put("name", s.classifier());
            c.put("status", s.status().name().toLowerCase());
            ObjectNode sc = c.putObject("scores");
            s.scores().forEach((k, v) -> {
                if (v > 0) {
                    sc.put(k, v);
                }
            });
        }
        ArrayNode fired = r.putArray("findings");
        for (CategoryFinding f : decision.findings()) {
            if (f.fired() || f.contested()) {
                fired.addObject().put("category", f.category()).put("score", Double.isNaN(f.score()) ? -1 : f.score())
                        .put("threshold", f.threshold()).put("tier", f.tier()).put("fired", f.fired())
                        .put("classifier_error", f.classifierError());
            }
        }
        if (x.rewardStatus != null && decision.direction() == dev.rampart.policy.Direction.COMPLETION) {
            ObjectNode reward = r.putObject("reward");
            reward.put("status", x.rewardStatus);
            if (x.rewardScores != null) {
                reward.put("scorer", x.rewardScores.scorer());
                ObjectNode attributes = reward.putObject("attributes");
                x.rewardScores.attributes().forEach(attributes::put);
                if (x.rewardScores.error() != null) {
                    reward.put("error", x.rewardScores.error());
                }
            }
            reward.put("attempts", Math.max(1, x.rewardAttempts));
            ArrayNode flags = reward.putArray("flags");
            x.rewardFlags.forEach(flags::add);
        }
        r.put("latency_ms", latencyMicros / 1000.0);
        r.put("text_sha256", SubjectHasher.textHash(text));
        if (logContent) {
            r.put("text", text);
        }
        return r;
    }
}
