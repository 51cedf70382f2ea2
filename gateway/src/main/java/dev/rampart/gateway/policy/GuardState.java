package dev.rampart.gateway.policy;

import dev.rampart.classifier.Classifier;
import dev.rampart.policy.Policy;
import java.util.List;

/**
 * The policy in force and the classifiers built for its taxonomy. Swapped as one value on hot reload, so a request
 * never sees a new policy with old classifiers.
 */
public record GuardState(Policy policy, List<Classifier> classifiers) {
    public GuardState {
        classifiers = List.copyOf(classifiers);
    }

    public boolean ready() {
        return classifiers.stream().allMatch(Classifier::ready);
    }
}
