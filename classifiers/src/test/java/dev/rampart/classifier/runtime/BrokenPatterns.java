package dev.rampart.classifier.runtime;

import dev.rampart.classifier.pattern.PatternClassifier;
import dev.rampart.policy.Category;
import java.util.List;

/**
 * A real classifier that fails at run time, for the wrappers' contract tests: a catastrophic regular expression (a
 * back-reference defeats the JDK's memoisation) that exceeds the pattern classifier's matching budget on
 * {@link #INPUT}, giving an {@code ERROR} value.
 */
final class BrokenPatterns {
    /** Input on which {@code (a|a)+\1b} backtracks exponentially. */
    static final String INPUT = "a".repeat(36) + "!";

    private BrokenPatterns() {
    }

    static PatternClassifier classifier() {
        return new PatternClassifier(List.of(new Category("S9", "Weapons", "", List.of(),
                List.of(new Category.Pattern(Category.Pattern.Kind.REGEX, "(a|a)+\\1b")))));
    }
}
