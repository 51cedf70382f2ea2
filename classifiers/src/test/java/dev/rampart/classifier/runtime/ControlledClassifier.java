package dev.rampart.classifier.runtime;

import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.ControlledScorer;
import dev.rampart.policy.ClassifierScores;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** A {@link ControlledScorer} that is a classifier, scoring category {@code S1}. */
final class ControlledClassifier extends ControlledScorer<ClassificationInput, ClassifierScores> implements Classifier {

    @Override
    public CompletionStage<ClassifierScores> classify(ClassificationInput input) {
        return score(input);
    }

    static ClassifierScores ok(double score) {
        return ClassifierScores.ok("controlled", Map.of("S1", score), List.of(), List.of("S1"));
    }

    static ClassifierScores error() {
        return ClassifierScores.error("controlled", List.of("S1"), "model failed");
    }
}
