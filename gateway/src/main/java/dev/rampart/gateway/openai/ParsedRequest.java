package dev.rampart.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A validated OpenAI request.
 *
 * @param endpoint which route
 * @param body     the JSON body (mutable only by redaction and header stripping before forwarding)
 * @param model    the requested model (null for moderations without one)
 * @param stream   whether the client asked for server-sent events
 * @param prompt   every text the prompt guard must check, with where it lives in the body
 */
public record ParsedRequest(Endpoint endpoint, ObjectNode body, String model, boolean stream, GuardedText prompt) {

    /** The OpenAI {@code user} field (the end user the caller acts for), or null. */
    public String userField() {
        JsonNode user = body.get("user");
        return user != null && user.isTextual() ? user.textValue() : null;
    }
}
