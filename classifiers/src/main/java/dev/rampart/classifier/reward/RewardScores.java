package dev.rampart.classifier.reward;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a {@link RewardScorer} made of one response. Holds scores and a text-free cause, never any prompt or response
 * text.
 *
 * @param scorer     the scorer's configured name
 * @param status     {@link Status#SCORED} with every configured attribute, or {@link Status#UNSCORED} with none
 * @param attributes attribute name to the model's raw score, in the configured order (e.g. {@code helpfulness → 3.1},
 *                   or {@code reward → -3.2} for a scalar model); every value finite; empty when unscored
 * @param error      why it is unscored (e.g. {@code timed out after 200 ms}, {@code malformed reply: no value for
 *                   helpfulness}); null when scored
 * @param latency    how long the attempt took, or null when not measured (a call refused at once measures zero)
 */
public record RewardScores(String scorer, Status status, Map<String, Double> attributes, String error,
                           Duration latency) {

    /** Whether the response was scored. */
    public enum Status {
        /** Every configured attribute has a finite score. */
        SCORED,
        /** No scores: the scorer failed, timed out, was refused or could not read the reply. */
        UNSCORED
    }

    public RewardScores {
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        List<String> problems = new ArrayList<>();
        if (scorer == null || scorer.isBlank()) {
            problems.add("scorer must not be blank");
        }
        if (status == null) {
            problems.add("status must be set");
        } else if (status == Status.SCORED) {
            if (attributes.isEmpty()) {
                problems.add("a scored result needs at least one attribute");
            }
            attributes.forEach((name, value) -> {
                if (name == null || name.isBlank()) {
                    problems.add("attribute names must not be blank");
                }
                if (value == null || !Double.isFinite(value)) {
                    problems.add("attribute " + name + " must be a finite number, but was " + value);
                }
            });
            if (error != null) {
                problems.add("a scored result has no error");
            }
        } else {
            if (!attributes.isEmpty()) {
                problems.add("an unscored result has no attributes");
            }
            if (error == null || error.isBlank()) {
                problems.add("an unscored result needs an error");
            }
        }
        if (latency != null && latency.isNegative()) {
            problems.add("latency must not be negative, but was " + latency);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Scores for every attribute, without a latency. */
    public static RewardScores scored(String scorer, Map<String, Double> attributes) {
        return new RewardScores(scorer, Status.SCORED, attributes, null, null);
    }

    /** No scores, with a text-free cause, without a latency. */
    public static RewardScores unscored(String scorer, String error) {
        return new RewardScores(scorer, Status.UNSCORED, Map.of(), error, null);
    }

    /** This result with the given latency. */
    public RewardScores withLatency(Duration value) {
        return new RewardScores(scorer, status, attributes, error, value);
    }

    /** Whether {@link #status()} is {@link Status#SCORED}. */
    public boolean isScored() {
        return status == Status.SCORED;
    }

    /** One attribute's score, empty when unscored or not an attribute of this scorer. */
    public OptionalDouble attribute(String name) {
        Double value = attributes.get(Objects.requireNonNull(name, "name"));
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
