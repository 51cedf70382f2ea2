package dev.rampart.gateway.pipeline;

import dev.rampart.gateway.decisionlog.DecisionRecord;

/** Where decision records go (the decision log, the live dashboard). Must not block. */
public interface DecisionSink {
    void accept(DecisionRecord record);

    DecisionSink NONE = record -> { };
}
