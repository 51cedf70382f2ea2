package dev.rampart.trust.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Parameters of the trust model, with their defaults in one place ({@link #DEFAULTS}).
 *
 * @param priorPositive      α₀ of the beta prior (unknown subjects start at α₀ / (α₀ + β₀))
 * @param priorNegative      β₀ of the beta prior
 * @param cleanWeight        positive evidence per clean request
 * @param flagWeight         negative evidence per flagged request, times its severity
 * @param blockWeight        negative evidence per blocked request, times its severity
 * @param positiveHalfLife   how fast good behaviour is forgotten
 * @param negativeHalfLife   how fast violations are forgotten (longer: trust recovers slowly)
 * @param gainWindow         window over which positive gains are capped
 * @param maxGainPerWindow   at most this much positive evidence per window (bulk benign traffic cannot farm trust)
 * @param authorityWeight    weight of authority-verified trust in the fusion
 * @param penaltyPivot       direct trust below this pulls the fused score down proportionally
 * @param tierThresholds     fused score needed for tiers 1, 2, 3 (ascending)
 */
public record TrustModelConfig(double priorPositive, double priorNegative, double cleanWeight, double flagWeight,
                               double blockWeight, Duration positiveHalfLife, Duration negativeHalfLife,
                               Duration gainWindow, double maxGainPerWindow, double authorityWeight,
                               double penaltyPivot, double[] tierThresholds) {

    public static final TrustModelConfig DEFAULTS = new TrustModelConfig(1.0, 1.0, 0.02, 1.0, 4.0,
            Duration.ofDays(30), Duration.ofDays(14), Duration.ofHours(1), 0.1, 0.6, 0.5,
            new double[] {0.3, 0.55, 0.75});

    public TrustModelConfig {
        tierThresholds = tierThresholds.clone();
    }

    @Override
    public double[] tierThresholds() {
        return tierThresholds.clone();
    }

    /** Every problem with these parameters, each naming the parameter, its rule and its value. */
    public List<String> problems(String path) {
        List<String> out = new ArrayList<>();
        positive(out, path + ".prior_positive", priorPositive);
        positive(out, path + ".prior_negative", priorNegative);
        nonNegative(out, path + ".clean_weight", cleanWeight);
        nonNegative(out, path + ".flag_weight", flagWeight);
        nonNegative(out, path + ".block_weight", blockWeight);
        if (positiveHalfLife.isNegative() || positiveHalfLife.isZero()) {
            out.add(path + ".positive_half_life: must be positive, but was " + positiveHalfLife);
        }
        if (negativeHalfLife.isNegative() || negativeHalfLife.isZero()) {
            out.add(path + ".negative_half_life: must be positive, but was " + negativeHalfLife);
        }
        if (gainWindow.isNegative() || gainWindow.isZero()) {
            out.add(path + ".gain_window: must be positive, but was " + gainWindow);
        }
        nonNegative(out, path + ".max_gain_per_window", maxGainPerWindow);
        unit(out, path + ".authority_weight", authorityWeight);
        unit(out, path + ".penalty_pivot", penaltyPivot);
        if (tierThresholds.length != 3) {
            out.add(path + ".tier_thresholds: must list 3 thresholds (tiers 1, 2, 3), but had " + tierThresholds.length);
        } else {
            for (int i = 0; i < 3; i++) {
                unit(out, path + ".tier_thresholds[" + i + "]", tierThresholds[i]);
                if (i > 0 && tierThresholds[i] <= tierThresholds[i - 1]) {
                    out.add(path + ".tier_thresholds[" + i + "]: must be greater than the previous threshold ("
                            + tierThresholds[i - 1] + "), but was " + tierThresholds[i]);
                }
            }
        }
        return out;
    }

    private static void positive(List<String> out, String p, double v) {
        if (!(v > 0)) {
            out.add(p + ": must be greater than 0, but was " + v);
        }
    }

    private static void nonNegative(List<String> out, String p, double v) {
        if (!(v >= 0)) {
            out.add(p + ": must be 0 or more, but was " + v);
        }
    }

    private static void unit(List<String> out, String p, double v) {
        if (!(v >= 0 && v <= 1)) {
            out.add(p + ": must be between 0 and 1, but was " + v);
        }
    }
}
