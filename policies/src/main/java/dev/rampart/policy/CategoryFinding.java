package dev.rampart.policy;

/**
 * One category's part in a decision: the combined score, the threshold that applied at the caller's tier,
 * and what the rule did — or, in monitor mode, would have done.
 *
 * @param category        taxonomy category id
 * @param action          what the rule does (or would do, when not enforced) because the category fired:
 *                        its action, {@code FLAG} for a failure with {@code on_error: flag}; {@link Action#ALLOW}
 *                        when it did not fire
 * @param fired           whether the score reached the threshold (or a classifier failed with {@code on_error} block
 *                        or flag)
 * @param score           combined score (max over classifiers); NaN when no classifier had evidence on it
 * @param threshold       threshold at the effective tier
 * @param tier            the trust tier whose threshold applied (for locked categories, always the strictest)
 * @param classifier      the classifier whose score decided (the max), or null
 * @param contested       the score sits within the contest margin of the threshold, or classifiers with evidence on
 *                        the category disagree across the threshold
 * @param classifierError the category fired or was allowed because its classifier failed
 * @param enforced        the rule is in {@link Mode#ENFORCE}; a monitored finding never acts
 */
public record CategoryFinding(
        String category,
        Action action,
        boolean fired,
        double score,
        double threshold,
        int tier,
        String classifier,
        boolean contested,
        boolean classifierError,
        boolean enforced) {

    /** An enforced finding. */
    public CategoryFinding(String category, Action action, boolean fired, double score, double threshold, int tier,
                           String classifier, boolean contested, boolean classifierError) {
        this(category, action, fired, score, threshold, tier, classifier, contested, classifierError, true);
    }

    /** What this finding makes the decision do: its action when it fired and is enforced, else allow. */
    public Action acted() {
        return fired && enforced ? action : Action.ALLOW;
    }

    /** It fired in monitor mode: the rule would have acted, but did not. */
    public boolean monitored() {
        return fired && !enforced && action != Action.ALLOW;
    }
}
