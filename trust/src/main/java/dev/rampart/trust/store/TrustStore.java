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

    /** An operator's authority override for the subject, if any. */
    CompletionStage<java.util.Optional<Double>> readOverride(String subject);

    /** Sets (or, with null, removes) an operator's authority override. */
    CompletionStage<Void> writeOverride(String subject, Double authority);

    /**
     * Forgets everything about the subject (right to erasure), overrides and its list of sub-subjects included.
     * The sub-subjects' own records are forgotten by the caller, one by one ({@code TrustService#forget}).
     */
    CompletionStage<Void> forget(String subject);

    /**
     * Adds a sub-subject to its principal's list, unless the list already holds {@code max} others: atomic, so
     * replicas together never exceed the cap. Completes with whether the sub-subject is in the list.
     */
    CompletionStage<Boolean> addSubSubject(String principal, String subSubject, int max);

    /** The principal's sub-subjects (any order). */
    CompletionStage<List<String>> subSubjects(String principal);

    /** Removes one sub-subject from its principal's list. */
    CompletionStage<Void> removeSubSubject(String principal, String subSubject);

    /**
     * Registers a listener told of subjects whose cached trust must be dropped because another replica changed or
     * forgot them. Stores with a single writer need not call it.
     */
    default void onInvalidate(java.util.function.Consumer<String> listener) {
    }

    @Override
    void close();
}
