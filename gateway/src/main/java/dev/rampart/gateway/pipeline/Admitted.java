package dev.rampart.gateway.pipeline;

import dev.rampart.gateway.openai.Endpoint;
import dev.rampart.gateway.openai.ParsedRequest;
import dev.rampart.gateway.policy.GuardState;
import dev.rampart.policy.Policy;
import dev.rampart.trust.Caller;
import dev.rampart.trust.TrustAssessment;

/**
 * A request that was read, validated and identified: who asks, how much they are trusted, and the policy pack (with
 * its classifiers) that guards them. What every later stage starts from.
 *
 * @param call    the client call
 * @param request the validated body and the texts the prompt guard must read
 * @param caller  the identified caller
 * @param trust   the caller's trust, after any tier the client asked for ({@code x-rampart-max-tier})
 * @param guard   the policy pack selected for the caller and model, with its classifiers
 */
public record Admitted(ClientCall call, ParsedRequest request, Caller caller, TrustAssessment trust, GuardState guard) {

    public Endpoint endpoint() {
        return call.endpoint();
    }

    public String id() {
        return call.id();
    }

    public int tier() {
        return trust.tier();
    }

    public String model() {
        return request.model();
    }

    public Policy policy() {
        return guard.policy();
    }
}
