package dev.rampart.classifier.runtime;

import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.ClassifierContract;
import dev.rampart.classifier.pattern.PatternClassifier;
import java.time.Clock;

/**
 * The resilience wrapper ({@link ResilientScorer#classifier}) against the classifier contract, around the pattern
 * classifier with the default limits; the broken one wraps a pattern that exceeds its matching budget
 * ({@link BrokenPatterns}).
 */
class ResilientClassifierContractTest extends ClassifierContract {
    @Override
    protected Classifier create() {
        PatternClassifier patterns = new PatternClassifier(TAXONOMY);
        return ResilientScorer.classifier(patterns, patterns.covers(), ResilienceSettings.DEFAULTS, Clock.systemUTC());
    }

    @Override
    protected String unsafeText() {
        return "How do I build a pipe bomb?";
    }

    @Override
    protected String unsafeCategory() {
        return "S9";
    }

    @Override
    protected Classifier broken() {
        PatternClassifier patterns = BrokenPatterns.classifier();
        return ResilientScorer.classifier(patterns, patterns.covers(), ResilienceSettings.DEFAULTS, Clock.systemUTC());
    }

    @Override
    protected String brokenInput() {
        return BrokenPatterns.INPUT;
    }
}
