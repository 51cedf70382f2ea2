package dev.rampart.policy;

/**
 * One category's part in a decision: the combined score, the threshold that applied at the caller's tier,
 * and what the rule did.
 *
 * @param category       taxonomy category id
 * @param action         the rule's action when it fired, or {@link Action#ALLOW} when it did not
 * @param fired          whether the score reached the threshold (or the classifier failed with {@code on_error: block})
 * @param score          combined score (max over classifiers by default); NaN when no classifier scored it
 * @param threshold      threshold at the effective tier
 * @param tier           the trust tier whose threshold applied (for locked categories, always the strictest)
 * @param classifier     the classifier whose score decided (the max), or null
 * @param contested      the score sits within the contest margin of the threshold, or classifiers disagree
 * @param classifierError the category fired or was allowed because its classifier failed
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
        boolean classifierError) {
}
