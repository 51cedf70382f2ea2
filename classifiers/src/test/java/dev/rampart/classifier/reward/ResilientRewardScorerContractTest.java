package dev.rampart.classifier.reward;

import java.time.Clock;

/**
 * The resilience wrapper ({@link RewardScorer#resilient}) against the reward scorer contract, around the ONNX reward
 * scorer of {@link OnnxRewardScorerContractTest} with the reward default limits, as the gateway wires it.
 */
class ResilientRewardScorerContractTest extends OnnxRewardScorerContractTest {
    @Override
    protected RewardScorer create() {
        return RewardScorer.resilient(super.create(), RewardScorer.DEFAULT_RESILIENCE, Clock.systemUTC());
    }

    @Override
    protected RewardScorer broken() {
        return RewardScorer.resilient(super.broken(), RewardScorer.DEFAULT_RESILIENCE, Clock.systemUTC());
    }
}
