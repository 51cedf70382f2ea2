package dev.rampart.classifier.runtime;

import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.ClassifierContract;
import dev.rampart.classifier.pattern.PatternClassifier;
import dev.rampart.policy.Category;
import java.util.List;

/**
 * The classifier contract for a wrapper, run around real pattern classifiers: the policy's patterns for
 * {@link #create()}, and for {@link #broken()} a catastrophic regular expression (a back-reference defeats the JDK's
 * memoisation) that exceeds the pattern classifier's matching budget on {@link #brokenInput()}, an {@code ERROR} value
 * the wrapper must pass on. A subclass says how it wraps.
 */
abstract class PatternWrapperContract extends ClassifierContract {

    /** The wrapper under test around {@code delegate}. */
    protected abstract Classifier wrap(PatternClassifier delegate);

    @Override
    protected Classifier create() {
        return wrap(new PatternClassifier(TAXONOMY));
    }

    @Override
    protected Classifier broken() {
        return wrap(new PatternClassifier(List.of(new Category("S9", "Weapons", "", List.of(),
                List.of(new Category.Pattern(Category.Pattern.Kind.REGEX, "(a|a)+\\1b"))))));
    }

    /** Input on which {@code (a|a)+\1b} backtracks exponentially. */
    @Override
    protected String brokenInput() {
        return "a".repeat(36) + "!";
    }
}
