package dev.rampart.trust.store;

import dev.rampart.trust.model.Evidence;
import dev.rampart.trust.model.Interaction;
import dev.rampart.trust.model.TrustModel;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Durable interaction evidence per subject. Every operation is asynchronous (never blocks the caller's thread).
 * {@link #record} is atomic per subject and idempotent per event id: a retried event is counted once.
 */
public interface TrustStore extends AutoCloseable {

    /** The subject's evidence as stored ({@link Evidence#none} for a stranger). */
    CompletionStage<Evidence> read(String subject);

    /** Applies one interaction atomically; returns the evidence after it. */
    CompletionStage<Evidence> record(String subject, Interaction interaction, TrustModel model);

    /** The most recent interactions, newest first, at most {@code limit}. */
    CompletionStage<List<Interaction>> recent(String subject, int limit);

    /** Forgets everything about the subject (right to erasure). */
    CompletionStage<Void> forget(String subject);

    /**
     * Registers a listener told of subjects whose cached trust must be dropped because another replica changed or
     * forgot them. Stores with a single writer need not call it.
     */
    default void onInvalidate(java.util.function.Consumer<String> listener) {
    }

    @Override
    void close();
}
