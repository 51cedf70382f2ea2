package dev.rampart.policy;

import java.util.Objects;
import java.util.Set;

/**
 * What a policy does about one category.
 *
 * @param category   taxonomy category id
 * @param directions where the rule applies
 * @param action     what happens when the category fires
 * @param thresholds score at or above which the category fires, per trust tier (index 0 = strictest)
 * @param locked     trust never relaxes this category: the tier-0 threshold applies at every tier
 * @param onError    what a classifier failure for this category means, per direction
 * @param message    refusal message when this rule blocks, or null for the policy's default
 * @param mode       {@link Mode#MONITOR} to decide without acting, {@link Mode#ENFORCE}, or null for the pack's mode
 */
public record Rule(String category, Set<Direction> directions, Action action, double[] thresholds, boolean locked,
                   OnError onError, String message, Mode mode) {
    public Rule {
        directions = Set.copyOf(directions);
        thresholds = thresholds.clone();
        Objects.requireNonNull(onError, "onError");
    }

    /** The threshold that applies at a trust tier. */
    public double threshold(int tier) {
        int t = locked ? 0 : Math.max(0, Math.min(thresholds.length - 1, tier));
        return thresholds[t];
    }

    public int effectiveTier(int tier) {
        return locked ? 0 : Math.max(0, Math.min(thresholds.length - 1, tier));
    }

    /** The rule's mode under a pack whose mode is {@code packMode}. */
    public Mode modeUnder(Mode packMode) {
        return mode != null ? mode : packMode;
    }

    @Override
    public double[] thresholds() {
        return thresholds.clone();
    }
}
