package dev.rampart.classifier.runtime;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.pattern.PatternClassifier;

/** The caching wrapper ({@link CachingClassifier}) against the classifier contract; its {@code ERROR} values are never cached. */
class CachingClassifierContractTest extends PatternWrapperContract {
    @Override
    protected Classifier wrap(PatternClassifier delegate) {
        return new CachingClassifier(delegate, "patterns-v1", CachingClassifier.Settings.DEFAULTS, Ticker.systemTicker());
    }
}
