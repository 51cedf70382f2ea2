package dev.rampart.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a policy does with reward-model scores of a response (HelpSteer2 attributes — helpfulness, correctness,
 * coherence, complexity, verbosity on 0–4 — or one scalar {@code reward}). Pure: turns scores into a
 * {@link RewardVerdict}; scoring, sampling and retries happen in the gateway.
 *
 * @param scorer           the configured reward scorer's name
 * @param sampleRate       the fraction of responses scored, in [0, 1]
 * @param mode             {@code INLINE}: scored before the reply (required for regenerate and best-of-n);
 *                         {@code BACKGROUND}: scored after the reply was sent — annotate-only, no added latency
 * @param headers          put the scores in {@code x-rampart-reward-*} response headers
 * @param body             put the scores in an {@code x_rampart} extension field of the response body
 * @param rules            thresholds on attributes
 * @param maxAttempts      upstream calls at most when a rule says regenerate (first call included)
 * @param bestOfN          candidates to request and choose from (1 = no choice)
 * @param overRefusalBelow flag a refusal to a prompt the safety guard allowed when helpfulness is below this; null: off
 */
public record RewardPolicy(String scorer, double sampleRate, Mode mode, boolean headers, boolean body,
                           List<RewardRule> rules, int maxAttempts, int bestOfN, Double overRefusalBelow) {

    public enum Mode { INLINE, BACKGROUND }

    /** What a rule does when its attribute falls below the threshold. */
    public enum RewardAction { FLAG, REGENERATE }

    /**
     * One threshold rule: {@code attribute < thresholds[tier]} triggers {@code action}.
     *
     * @param attribute  a score name ({@code helpfulness}, …, or {@code reward})
     * @param thresholds one threshold per trust tier
     * @param action     flag, or regenerate (retry the upstream, keep the best candidate)
     */
    public record RewardRule(String attribute, double[] thresholds, RewardAction action) {
        public RewardRule {
            Objects.requireNonNull(attribute, "attribute");
            thresholds = thresholds.clone();
        }

        public double threshold(int tier) {
            return thresholds[Math.max(0, Math.min(tier, thresholds.length - 1))];
        }

        @Override
        public String toString() {
            return attribute + "<" + java.util.Arrays.toString(thresholds) + "->" + action;
        }
    }

    public RewardPolicy {
        rules = List.copyOf(rules);
    }

    /**
     * Why a rule fired: its attribute was below this threshold. Written {@code correctness<1.5} where a reason is shown
     * (response headers and bodies, decision records).
     */
    public record RewardReason(String attribute, double threshold) {
        public RewardReason {
            Objects.requireNonNull(attribute, "attribute");
        }

        @Override
        public String toString() {
            return attribute + "<" + threshold;
        }
    }

    /**
     * The verdict on one response's scores.
     *
     * @param regenerate a regenerate rule fired
     * @param flagged    a flag rule fired (or regenerate attempts ran out)
     * @param reasons    the rules that fired
     */
    public record RewardVerdict(boolean regenerate, boolean flagged, List<RewardReason> reasons) {
        public static final RewardVerdict PASS = new RewardVerdict(false, false, List.of());

        public RewardVerdict {
            reasons = List.copyOf(reasons);
        }
    }

    /** Applies the rules at a trust tier. An attribute the scorer did not return fires nothing. */
    public RewardVerdict judge(Map<String, Double> scores, int tier) {
        boolean regenerate = false;
        boolean flagged = false;
        List<RewardReason> reasons = new ArrayList<>();
        for (RewardRule rule : rules) {
            Double score = scores.get(rule.attribute());
            if (score == null || score >= rule.threshold(tier)) {
                continue;
            }
            reasons.add(new RewardReason(rule.attribute(), rule.threshold(tier)));
            if (rule.action() == RewardAction.REGENERATE) {
                regenerate = true;
            } else {
                flagged = true;
            }
        }
        return new RewardVerdict(regenerate, flagged, reasons);
    }

    /** Whether a response judged a refusal, to a prompt the guard allowed, counts as over-refusal. */
    public boolean overRefusal(Map<String, Double> scores) {
        if (overRefusalBelow == null) {
            return false;
        }
        Double helpfulness = scores.get("helpfulness");
        return helpfulness == null || helpfulness < overRefusalBelow;
    }

    /**
     * The candidates' order of preference: the sum of the rules' attributes (every attribute when there are no rules),
     * for comparing responses to the same prompt only.
     */
    public double rank(Map<String, Double> scores) {
        double sum = 0;
        if (rules.isEmpty()) {
            for (double v : scores.values()) {
                sum += v;
            }
            return sum;
        }
        for (String attribute : rules.stream().map(RewardRule::attribute).distinct().toList()) {
            sum += scores.getOrDefault(attribute, 0.0);
        }
        return sum;
    }
}
