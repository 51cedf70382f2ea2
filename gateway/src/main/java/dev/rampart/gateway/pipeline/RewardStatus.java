package dev.rampart.gateway.pipeline;

import java.util.Locale;

/** What became of a response's reward scoring. */
public enum RewardStatus {
    /** Scored inline; the scores are in the outcome. */
    SCORED,
    /** The scorer failed or timed out; the response was served unscored. */
    UNSCORED,
    /** Not picked by the policy's sample rate. */
    SAMPLED_OUT,
    /** Scored after the reply was sent (annotate-only mode). */
    BACKGROUND;

    /** The name in headers, bodies, metrics and the decision log. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
