package dev.rampart.policy;

import java.util.List;
import java.util.Objects;

/**
 * Everything a decision depends on, so a logged decision can be re-decided under another pack
 * ({@link Policy#decide(DecisionInput)}): every classifier's scores per category, the direction, the caller's trust
 * tier, and the revision of the pack that decided it first (informational: re-deciding never reads it).
 *
 * @param revision    revision of the pack that made the original decision, or null for a fresh decision
 * @param direction   where the text came from
 * @param tier        the caller's trust tier
 * @param classifiers each classifier's result, with its evidence per category
 */
public record DecisionInput(String revision, Direction direction, int tier, List<ClassifierScores> classifiers) {
    public DecisionInput {
        Objects.requireNonNull(direction, "direction");
        classifiers = List.copyOf(classifiers);
        if (tier < 0 || tier > Policy.MAX_TIER) {
            throw new IllegalArgumentException("tier must be between 0 and " + Policy.MAX_TIER + ", but was " + tier);
        }
    }

    /** A fresh decision's input. */
    public static DecisionInput of(Direction direction, int tier, List<ClassifierScores> classifiers) {
        return new DecisionInput(null, direction, tier, classifiers);
    }
}
