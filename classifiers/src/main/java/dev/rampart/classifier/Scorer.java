package dev.rampart.classifier;

import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The one seam every model behind Rampart plugs into: something named that scores an input of type {@code I} into a
 * result of type {@code R}, asynchronously. {@link Classifier} (text → {@code ClassifierScores}) and the reward
 * scorers ({@code RewardInput} → {@code RewardScores}) are its two families, so one resilience wrapper
 * ({@code runtime.ResilientScorer}), one ONNX loader ({@code onnx.ModelLoad}) and one remote-call helper
 * ({@code runtime.JsonEndpoint}) serve both.
 *
 * <p>Implementations never block the caller's thread, and a failure is a value of {@code R} (the stage completes
 * normally); callers treat an exceptionally completed stage the same way. How a failure becomes a value is the
 * family's {@code runtime.Outcomes}.
 *
 * @param <I> what is scored
 * @param <R> the result, which can also say that scoring failed
 */
public interface Scorer<I, R> extends AutoCloseable {

    /** The configured name, used in decisions, metrics and logs. */
    String name();

    /** Scores one input. */
    CompletionStage<R> score(I input);

    /** Whether the scorer is loaded and can serve (for {@code /readyz}). */
    default boolean ready() {
        return true;
    }

    @Override
    default void close() {
    }

    /**
     * A bare scoring call under a name, e.g. one remote request, for the shared machinery to wrap
     * ({@code new ResilientScorer<>(Scorer.of(name, this::call), outcomes, settings, clock)}). Always ready; closing it
     * does nothing.
     */
    static <I, R> Scorer<I, R> of(String name, Function<I, CompletionStage<R>> score) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(score, "score");
        return new Scorer<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CompletionStage<R> score(I input) {
                return score.apply(input);
            }
        };
    }
}
