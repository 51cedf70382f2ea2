package dev.rampart.gateway.decisionlog;

import dev.rampart.policy.Action;
import dev.rampart.policy.CategoryFinding;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.DecisionInput;
import dev.rampart.policy.Direction;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One decision as the decision log keeps it: who asked (pseudonymised), under which policy revision and trust tier,
 * what was decided and why (findings and every classifier's scores, so the decision can be explained and re-decided),
 * how long it took, and a hash of the text (the text itself only when content logging is on). Only
 * {@link DecisionRecordJson} turns it into JSON.
 *
 * <p>{@link #input()} is everything needed to re-decide it under another pack ({@code rampart decisions replay}).
 *
 * @param wouldAction what it would have done with every rule enforced (differs from {@code action} in monitor mode)
 * @param monitored   categories that fired in monitor mode (would have acted, did not)
 * @param shadow      the shadow pack's decision on the same scores, or null when no shadow runs
 * @param reward      the reward outcome of a completion, or null
 * @param text        the judged text, only with content logging on; else null
 */
public record DecisionRecord(String decisionId, String requestId, Instant time, String route, String subject,
                             String tenant, double trustScore, int tier, String policy, String policyRevision,
                             Direction direction, Action action, List<String> categories, boolean contested,
                             List<ClassifierScores> classifiers, List<CategoryFinding> findings, Action wouldAction,
                             List<String> monitored, Shadow shadow, Reward reward, double latencyMs, String textSha256,
                             String text) {
    public DecisionRecord {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(action, "action");
        categories = List.copyOf(categories);
        classifiers = List.copyOf(classifiers);
        findings = List.copyOf(findings);
        wouldAction = wouldAction == null ? action : wouldAction;
        monitored = List.copyOf(monitored);
    }

    /** What the decision was made on, to re-decide it under another pack. */
    public DecisionInput input() {
        return new DecisionInput(policyRevision, direction, tier, classifiers);
    }

    /**
     * The shadow pack's decision on the same text, recorded with the shadow's revision.
     *
     * @param categories categories that fired in the shadow (enforced or monitored there)
     */
    public record Shadow(String policy, String policyRevision, Action action, Action wouldAction,
                         List<String> categories, boolean contested) {
        public Shadow {
            categories = List.copyOf(categories);
        }
    }

    /**
     * The reward outcome of a completion.
     *
     * @param status     scored, unscored, sampled_out or background
     * @param scorer     the scorer's name, or null when it did not run inline
     * @param attributes scores by attribute (empty when unscored)
     * @param error      why it is unscored, or null
     * @param attempts   upstream calls made for the reply
     * @param flags      reward reasons that fired
     */
    public record Reward(String status, String scorer, Map<String, Double> attributes, String error, int attempts,
                         List<String> flags) {
        public Reward {
            attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
            flags = List.copyOf(flags);
        }
    }
}
