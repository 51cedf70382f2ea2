package dev.rampart.policy.tools;

import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.Direction;
import dev.rampart.policy.Policy;
import java.util.List;

/** Scores a text with real classifiers; supplied by the caller (the classifiers module depends on policies). */
@FunctionalInterface
public interface TextScorer {
    List<ClassifierScores> score(Policy policy, Direction direction, String text);
}
