package dev.rampart.trust.model;

import dev.rampart.trust.TrustAssessment;
import java.time.Duration;
import java.time.Instant;

/**
 * The trust model, as pure functions of evidence and time (no clock inside: callers pass {@code now}).
 *
 * <h2>Direct interaction trust: beta reputation with decay</h2>
 * Evidence is two decayed sums: positive {@code r} (clean requests, {@code clean_weight} each) and negative {@code s}
 * (violations, {@code flag_weight} or {@code block_weight} times the severity of the gravest category). Before each
 * update both decay exponentially, {@code r ← r · 2^(−Δt / positive_half_life)} and
 * {@code s ← s · 2^(−Δt / negative_half_life)}. Positive gains are capped at {@code max_gain_per_window} per
 * {@code gain_window}, so bulk benign traffic cannot farm trust. Direct trust is the beta-reputation expectation
 * {@code D = (r + α₀) / (r + s + α₀ + β₀)}: ½ for a stranger, dropping fast with violations (a block weighs 200
 * clean requests by default) and recovering slowly.
 *
 * <h2>Fusion and tiers</h2>
 * {@code F = (w · A + (1 − w) · D) · min(1, D / pivot)} where {@code A} is authority-verified trust from the identity
 * provider's claims and {@code w = authority_weight}: authority raises trust, and a direct trust below {@code pivot}
 * (a caller who keeps violating) pulls the fused score down whatever their authority. The tier is the number of
 * {@code tier_thresholds} that {@code F} reaches (0 … 3). Anonymous callers are always tier 0.
 */
public final class TrustModel {
    private final TrustModelConfig config;

    public TrustModel(TrustModelConfig config) {
        this.config = config;
    }

    public TrustModelConfig config() {
        return config;
    }

    /** The evidence decayed to {@code now} (no new interaction). */
    public Evidence decay(Evidence e, Instant now) {
        if (!now.isAfter(e.updatedAt())) {
            return e;
        }
        Duration dt = Duration.between(e.updatedAt(), now);
        double positive = e.positive() * halving(dt, config.positiveHalfLife());
        double negative = e.negative() * halving(dt, config.negativeHalfLife());
        return new Evidence(positive, negative, now, e.windowStart(), e.windowGain(), e.events(), e.violations());
    }

    /** The evidence after one more interaction. */
    public Evidence record(Evidence before, Interaction interaction) {
        Instant at = interaction.at().isAfter(before.updatedAt()) ? interaction.at() : before.updatedAt();
        Evidence e = decay(before, at);
        Instant windowStart = e.windowStart();
        double windowGain = e.windowGain();
        if (!at.isBefore(windowStart.plus(config.gainWindow()))) {
            windowStart = at;
            windowGain = 0;
        }
        double positive = e.positive();
        double negative = e.negative();
        long violations = e.violations();
        switch (interaction.outcome()) {
            case CLEAN -> {
                double gain = Math.max(0, Math.min(config.cleanWeight(), config.maxGainPerWindow() - windowGain));
                positive += gain;
                windowGain += gain;
            }
            case FLAGGED -> {
                negative += config.flagWeight() * interaction.severity();
                violations++;
            }
            case BLOCKED -> {
                negative += config.blockWeight() * interaction.severity();
                violations++;
            }
            default -> throw new IllegalArgumentException("unknown outcome " + interaction.outcome());
        }
        return new Evidence(positive, negative, at, windowStart, windowGain, e.events() + 1, violations);
    }

    /** Direct interaction trust in [0, 1] as of {@code now}. */
    public double direct(Evidence evidence, Instant now) {
        Evidence e = decay(evidence, now);
        return (e.positive() + config.priorPositive())
                / (e.positive() + e.negative() + config.priorPositive() + config.priorNegative());
    }

    /** Fuses authority-verified trust and direct trust into a score and a tier. */
    public TrustAssessment assess(double authority, double direct, boolean anonymous, boolean degraded) {
        if (anonymous) {
            return new TrustAssessment(0.0, 0, 0.0, direct, degraded);
        }
        double a = clamp(authority);
        double d = clamp(direct);
        double w = config.authorityWeight();
        double fused = clamp((w * a + (1 - w) * d) * Math.min(1.0, d / config.penaltyPivot()));
        return new TrustAssessment(fused, tier(fused), a, d, degraded);
    }

    public int tier(double fused) {
        int tier = 0;
        for (double threshold : config.tierThresholds()) {
            if (fused >= threshold) {
                tier++;
            }
        }
        return tier;
    }

    /** A client may ask for a stricter tier than its own, never a laxer one. */
    public static int effectiveTier(int assessedTier, Integer requestedTier) {
        if (requestedTier == null) {
            return assessedTier;
        }
        return Math.max(0, Math.min(assessedTier, requestedTier));
    }

    private static double halving(Duration elapsed, Duration halfLife) {
        return Math.pow(0.5, (double) elapsed.toMillis() / halfLife.toMillis());
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }
}
