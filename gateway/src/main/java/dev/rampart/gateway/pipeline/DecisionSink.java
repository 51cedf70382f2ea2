package dev.rampart.gateway.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where decision records go (the decision log, the live dashboard). Must not block. */
public interface DecisionSink {
    void accept(ObjectNode record);

    DecisionSink NONE = record -> { };
}
