package dev.rampart.classifier.runtime;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.ClassifierContract;
import dev.rampart.classifier.pattern.PatternClassifier;

/**
 * The caching wrapper ({@link CachingClassifier}) against the classifier contract, around the pattern classifier; the
 * broken one wraps a pattern that exceeds its matching budget ({@link BrokenPatterns}), whose {@code ERROR} values
 * are never cached.
 */
class CachingClassifierContractTest extends ClassifierContract {
    @Override
    protected Classifier create() {
        return new CachingClassifier(new PatternClassifier(TAXONOMY), "patterns-v1", CachingClassifier.Settings.DEFAULTS,
                Ticker.systemTicker());
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
        return new CachingClassifier(BrokenPatterns.classifier(), "broken-v1", CachingClassifier.Settings.DEFAULTS,
                Ticker.systemTicker());
    }

    @Override
    protected String brokenInput() {
        return BrokenPatterns.INPUT;
    }
}
