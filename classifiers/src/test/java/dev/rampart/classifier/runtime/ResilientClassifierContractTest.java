package dev.rampart.classifier.runtime;

import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.pattern.PatternClassifier;
import java.time.Clock;

/** The resilience wrapper ({@link ResilientScorer#classifier}) with the default limits against the classifier contract. */
class ResilientClassifierContractTest extends PatternWrapperContract {
    @Override
    protected Classifier wrap(PatternClassifier delegate) {
        return ResilientScorer.classifier(delegate, delegate.covers(), ResilienceSettings.DEFAULTS, Clock.systemUTC());
    }
}
