package dev.rampart.policy;

import java.util.Set;

/**
 * What a policy does about one category.
 *
 * @param category   taxonomy category id
 * @param directions where the rule applies
 * @param action     what happens when the category fires
 * @param thresholds score at or above which the category fires, per trust tier (index 0 = strictest)
 * @param locked     trust never relaxes this category: the tier-0 threshold applies at every tier
 * @param onError    what a classifier failure for this category means: {@code BLOCK} (fail closed) or {@code ALLOW}
 * @param message    refusal message when this rule blocks, or null for the policy's default
 */
public record Rule(String category, Set<Direction> directions, Action action, double[] thresholds, boolean locked,
                   Action onError, String message) {
    public Rule {
        directions = Set.copyOf(directions);
        thresholds = thresholds.clone();
    }

    /** The threshold that applies at a trust tier. */
    public double threshold(int tier) {
        int t = locked ? 0 : Math.max(0, Math.min(thresholds.length - 1, tier));
        return thresholds[t];
    }

    public int effectiveTier(int tier) {
        return locked ? 0 : Math.max(0, Math.min(thresholds.length - 1, tier));
    }

    @Override
    public double[] thresholds() {
        return thresholds.clone();
    }
}
