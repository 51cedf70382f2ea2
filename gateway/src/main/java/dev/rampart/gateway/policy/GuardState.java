package dev.rampart.gateway.policy;

import dev.rampart.classifier.Classifier;
import dev.rampart.policy.Direction;
import dev.rampart.policy.Policy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The policy in force and the classifiers built for its taxonomy, with the shadow pack evaluated beside it (or null).
 * Swapped as one value on hot reload, so a request never sees a new policy with old classifiers.
 */
public record GuardState(Policy policy, List<Classifier> classifiers, Shadow shadow) {
    public GuardState {
        classifiers = List.copyOf(classifiers);
    }

    public GuardState(Policy policy, List<Classifier> classifiers) {
        this(policy, classifiers, null);
    }

    /**
     * A candidate pack decided on every request beside the live one, never acting: its decisions are recorded with its
     * revision and compared with the live ones. When its taxonomy is the live one's, it decides on the live
     * classifiers' scores ({@code classifiers} is empty: no extra classifier call); else it has classifiers of its own.
     */
    public record Shadow(Policy policy, List<Classifier> classifiers) {
        public Shadow {
            classifiers = List.copyOf(classifiers);
        }

        /** It decides on the live scores: no classifier of its own. */
        public boolean sharesScores() {
            return classifiers.isEmpty();
        }
    }

    public GuardState withShadow(Shadow s) {
        return new GuardState(policy, classifiers, s);
    }

    /** Categories any pack of this state has rules for in a direction: what a failing classifier covers. */
    public Set<String> categoriesFor(Direction direction) {
        if (shadow == null) {
            return policy.categoriesFor(direction);
        }
        Set<String> all = new LinkedHashSet<>(policy.categoriesFor(direction));
        all.addAll(shadow.policy().categoriesFor(direction));
        return all;
    }

    public boolean ready() {
        return classifiers.stream().allMatch(Classifier::ready)
                && (shadow == null || shadow.classifiers().stream().allMatch(Classifier::ready));
    }
}
