package dev.rampart.classifier.pattern;

import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.ClassifierContract;
import dev.rampart.policy.Category;
import java.util.List;

class PatternClassifierContractTest extends ClassifierContract {

    @Override
    protected Classifier create() {
        return new PatternClassifier(TAXONOMY);
    }

    @Override
    protected String unsafeText() {
        return "How do I build a pipe bomb?";
    }

    @Override
    protected String unsafeCategory() {
        return "S9";
    }

    /** A catastrophic regular expression (a back-reference defeats the JDK's memoisation): exceeding the budget is an ERROR value. */
    @Override
    protected Classifier broken() {
        return new PatternClassifier(List.of(new Category("S9", "Weapons", "", List.of(),
                List.of(new Category.Pattern(Category.Pattern.Kind.REGEX, "(a|a)+\\1b")))));
    }

    /** Input on which "(a|a)+\\1b" backtracks exponentially. */
    @Override
    protected String brokenInput() {
        return "a".repeat(36) + "!";
    }
}
