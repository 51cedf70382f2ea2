package dev.rampart.gateway.pipeline;

import dev.rampart.gateway.decisionlog.DecisionRecord;

/** Where decision records go (the decision log, the live dashboard). Must not block. */
public interface DecisionSink {
    void accept(DecisionRecord record);

    /**
     * Whether a new request may be served: false only for a sink that must record every decision
     * ({@code decision_log.fail_closed}) and currently cannot.
     */
    default boolean accepting() {
        return true;
    }

    DecisionSink NONE = record -> { };
}
