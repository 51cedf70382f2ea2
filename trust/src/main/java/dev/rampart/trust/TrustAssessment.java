package dev.rampart.trust;

/**
 * How much the gateway trusts a caller right now.
 *
 * @param score        fused trust in [0, 1]
 * @param tier         the tier that applies: 0 (unknown/strict) to the highest configured tier, after any stricter
 *                     tier the client asked for
 * @param authority    authority-verified part in [0, 1]
 * @param direct       direct interaction part in [0, 1]
 * @param degraded     true when the store could not be read (in time) and the strictest tier applies
 * @param assessedTier the tier the caller's trust earns, before the client asked for a stricter one; what a
 *                     decision is re-decided at to know whether the caller violated anything
 */
public record TrustAssessment(double score, int tier, double authority, double direct, boolean degraded,
                              int assessedTier) {
    public static final TrustAssessment STRICTEST = new TrustAssessment(0.0, 0, 0.0, 0.0, false);
    /** What applies when the store cannot be read: the strictest tier, marked degraded. */
    public static final TrustAssessment DEGRADED = new TrustAssessment(0.0, 0, 0.0, 0.0, true);

    public TrustAssessment(double score, int tier, double authority, double direct, boolean degraded) {
        this(score, tier, authority, direct, degraded, tier);
    }

    /** This assessment with the tier lowered to what the client asked for (never raised); null leaves it. */
    public TrustAssessment withRequestedTier(Integer requested) {
        if (requested == null) {
            return this;
        }
        int lowered = dev.rampart.trust.model.TrustModel.effectiveTier(assessedTier, requested);
        return new TrustAssessment(score, lowered, authority, direct, degraded, assessedTier);
    }

    /** Whether the client lowered its own tier for this request. */
    public boolean lowered() {
        return tier < assessedTier;
    }
}
