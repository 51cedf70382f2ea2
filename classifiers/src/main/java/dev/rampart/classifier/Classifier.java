package dev.rampart.classifier;

import dev.rampart.policy.ClassifierScores;
import java.util.concurrent.CompletionStage;

/**
 * Scores a text against taxonomy categories: the {@link Scorer} whose results are {@link ClassifierScores}.
 * Implementations never block the caller's thread: in-process models run on their own worker pool, remote ones use
 * non-blocking I/O. A failure is reported as a {@link ClassifierScores} with status {@code ERROR} (the stage completes
 * normally), so the policy's {@code on_error} can apply; an exceptionally completed stage is treated the same way by
 * callers.
 */
public interface Classifier extends Scorer<ClassificationInput, ClassifierScores> {

    /** Scores one text. */
    CompletionStage<ClassifierScores> classify(ClassificationInput input);

    /** The same as {@link #classify}: a classifier scores by classifying. */
    @Override
    default CompletionStage<ClassifierScores> score(ClassificationInput input) {
        return classify(input);
    }
}
