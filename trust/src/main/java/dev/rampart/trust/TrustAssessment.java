package dev.rampart.trust;

/**
 * How much the gateway trusts a caller right now.
 *
 * @param score     fused trust in [0, 1]
 * @param tier      0 (unknown/strict) to the highest configured tier
 * @param authority authority-verified part in [0, 1]
 * @param direct    direct interaction part in [0, 1]
 * @param degraded  true when the store could not be read and a cached or strict default was used
 */
public record TrustAssessment(double score, int tier, double authority, double direct, boolean degraded) {
    public static final TrustAssessment STRICTEST = new TrustAssessment(0.0, 0, 0.0, 0.0, false);
}
