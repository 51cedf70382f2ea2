package dev.rampart.policy;

import dev.rampart.config.ConfigProblem;
import java.util.List;

/** The outcome of loading a policy: a compiled policy, or every problem found. Never an exception for user errors. */
public sealed interface PolicyLoadResult permits PolicyLoadResult.Loaded, PolicyLoadResult.Invalid {

    record Loaded(Policy policy) implements PolicyLoadResult {
    }

    record Invalid(List<ConfigProblem> problems) implements PolicyLoadResult {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }
}
