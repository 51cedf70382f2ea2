package dev.rampart.classifier.reward;

import dev.rampart.classifier.Scorer;
import dev.rampart.classifier.runtime.Outcomes;
import dev.rampart.classifier.runtime.ResilienceSettings;
import dev.rampart.classifier.runtime.ResilientScorer;
import java.time.Clock;
import java.time.Duration;

/**
 * Scores how good a model's response is to a prompt, with a reward model (HelpSteer2 attributes such as helpfulness
 * and verbosity, or one scalar {@code reward}): the {@link Scorer} whose results are {@link RewardScores}.
 * Implementations never block the caller's thread, and a failure is a value: the stage completes normally with
 * {@link RewardScores#unscored}, so a scorer that is down never fails the request it scores. Callers should treat an
 * exceptionally completed stage the same way.
 */
public interface RewardScorer extends Scorer<RewardInput, RewardScores> {

    /**
     * The limits of every reward scorer, remote or in-process, unless configured otherwise:
     * {@link ResilienceSettings#DEFAULTS} with a 5 s timeout (a large reward model reads the whole response).
     */
    ResilienceSettings DEFAULT_RESILIENCE = ResilienceSettings.DEFAULTS.withTimeout(Duration.ofSeconds(5));

    /**
     * How a reward scorer's failures become values: {@link RewardScores#unscored} naming the cause, {@code scorer is
     * closed} when closed, every result carrying the latency of its call.
     *
     * @param name the scorer's name
     */
    static Outcomes<RewardScores> outcomes(String name) {
        return new Outcomes<>() {
            @Override
            public String failure(RewardScores result) {
                return result.isScored() ? null : String.valueOf(result.error());
            }

            @Override
            public RewardScores failed(String reason) {
                return RewardScores.unscored(name, reason);
            }

            @Override
            public RewardScores closed() {
                return failed("scorer is closed");
            }

            @Override
            public RewardScores measured(RewardScores result, Duration took) {
                return result.withLatency(took);
            }
        };
    }

    /**
     * {@code delegate} under a timeout, a circuit breaker and a bulkhead ({@link ResilientScorer}): every failure
     * {@link RewardScores#unscored}, every result with its latency on {@code clock}.
     */
    static Resilient resilient(RewardScorer delegate, ResilienceSettings settings, Clock clock) {
        return new Resilient(delegate, settings, clock);
    }

    /** A reward scorer wrapped in {@link ResilientScorer}; see {@link #resilient}. */
    final class Resilient extends ResilientScorer<RewardInput, RewardScores> implements RewardScorer {
        private Resilient(RewardScorer delegate, ResilienceSettings settings, Clock clock) {
            super(delegate, outcomes(delegate.name()), settings, clock);
        }
    }
}
