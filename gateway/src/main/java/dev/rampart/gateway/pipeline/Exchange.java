package dev.rampart.gateway.pipeline;

import dev.rampart.gateway.openai.Endpoint;
import dev.rampart.gateway.openai.ParsedRequest;
import dev.rampart.policy.Action;
import dev.rampart.policy.Decision;
import dev.rampart.trust.Caller;
import dev.rampart.trust.TrustAssessment;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/** The state of one request as it moves down the pipeline. Confined to the request's Vert.x context. */
final class Exchange {
    final Endpoint endpoint;
    final HttpServerRequest request;
    final HttpServerResponse response;
    final String id;
    final long startNanos;

    ParsedRequest parsed;
    Caller caller = Caller.ANONYMOUS;
    TrustAssessment trust = TrustAssessment.STRICTEST;
    GuardState guard;
    Decision promptDecision;
    Decision completionDecision;
    java.util.List<dev.rampart.policy.ClassifierScores> promptScores = java.util.List.of();
    java.util.List<dev.rampart.policy.ClassifierScores> completionScores = java.util.List.of();
    String completionText = "";
    String upstream;
    boolean streaming;
    /** Reward scoring: whether best-of-n candidates were requested, the chosen response's scores and what fired. */
    boolean rewardCandidates;
    dev.rampart.classifier.reward.RewardScores rewardScores;
    String rewardStatus;
    java.util.List<String> rewardFlags = java.util.List.of();
    int rewardAttempts;

    Exchange(Endpoint endpoint, HttpServerRequest request, String id, long startNanos) {
        this.endpoint = endpoint;
        this.request = request;
        this.response = request.response();
        this.id = id;
        this.startNanos = startNanos;
    }

    int tier() {
        return trust.tier();
    }

    String model() {
        return parsed == null ? null : parsed.model();
    }

    /** The strictest decision taken on this request so far (the one trust feedback and headers report). */
    Decision strictest() {
        if (completionDecision == null) {
            return promptDecision;
        }
        if (promptDecision == null) {
            return completionDecision;
        }
        return Action.strictest(promptDecision.action(), completionDecision.action()) == completionDecision.action()
                && completionDecision.action() != promptDecision.action() ? completionDecision : promptDecision;
    }
}
