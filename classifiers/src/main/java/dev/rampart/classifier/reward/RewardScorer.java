package dev.rampart.classifier.reward;

import java.util.concurrent.CompletionStage;

/**
 * Scores how good a model's response is to a prompt, with a reward model (HelpSteer2 attributes such as helpfulness
 * and verbosity, or one scalar {@code reward}). Implementations never block the caller's thread, and a failure is a
 * value: the stage completes normally with {@link RewardScores#unscored}, so a scorer that is down never fails the
 * request it scores. Callers should treat an exceptionally completed stage the same way.
 */
public interface RewardScorer extends AutoCloseable {

    /** The configured name, used in decisions, metrics and logs. */
    String name();

    /** Scores one response. */
    CompletionStage<RewardScores> score(RewardInput input);

    /** Whether the scorer can serve (for {@code /readyz}). */
    default boolean ready() {
        return true;
    }

    @Override
    default void close() {
    }
}
