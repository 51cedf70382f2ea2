package dev.rampart.classifier;

import dev.rampart.policy.ClassifierScores;
import java.util.concurrent.CompletionStage;

/**
 * Scores a text against taxonomy categories. Implementations never block the caller's thread: in-process
 * models run on their own worker pool, remote ones use non-blocking I/O. A failure is reported as a
 * {@link ClassifierScores} with status {@code ERROR} (the stage completes normally), so the policy's
 * {@code on_error} can apply; an exceptionally completed stage is treated the same way by callers.
 */
public interface Classifier extends AutoCloseable {

    /** The configured name, used in decisions, metrics and logs. */
    String name();

    /** Scores one text. */
    CompletionStage<ClassifierScores> classify(ClassificationInput input);

    /** Whether the classifier is loaded and can serve (for {@code /readyz}). */
    default boolean ready() {
        return true;
    }

    @Override
    default void close() {
    }
}
