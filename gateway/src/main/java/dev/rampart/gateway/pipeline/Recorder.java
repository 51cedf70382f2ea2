package dev.rampart.gateway.pipeline;

import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.policy.Action;
import dev.rampart.policy.Decision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 9: records what was decided — decision metrics, the decision records of the prompt and of the completion
 * (with their classifiers' scores) for the decision log and dashboard, a log line for every decision that is not an
 * allow, and the request's strictest decision as the caller's interaction history. Runs as the reply goes out, so
 * metrics and logs already show a decision when the client sees its reply. Never logs text.
 */
public final class Recorder {
    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);

    private final GatewayMetrics metrics;
    private final DecisionSink decisions;
    private final DecisionRecords records;
    private final TrustLookup trust;

    Recorder(GatewayMetrics metrics, DecisionSink decisions, DecisionRecords records, TrustLookup trust) {
        this.metrics = metrics;
        this.decisions = decisions;
        this.records = records;
        this.trust = trust;
    }

    public void record(Outcome o) {
        Admitted a = o.admitted();
        long latencyMicros = a.call().elapsedNanos() / 1000;
        metrics.decision(o.prompt().decision(), a.tier());
        decisions.accept(records.prompt(o, latencyMicros));
        Decision completion = o.completionDecision();
        if (completion != null) {
            metrics.decision(completion, a.tier());
            decisions.accept(records.completion(o, latencyMicros));
        }
        if (o.upstream() != null && o.reply() instanceof Outcome.Json json && json.body().path("usage").isObject()) {
            var usage = json.body().path("usage");                                        // tokens the upstream reported
            metrics.tokens().record(a.model(), a.tier(), usage.path("prompt_tokens").asLong(-1),
                    usage.path("completion_tokens").asLong(-1));
        }
        Decision strictest = o.strictest();
        trust.record(a.caller(), a.id(), strictest);
        if (strictest.action() != Action.ALLOW) {
            LOG.info("request={} route={} decision={} direction={} categories={} contested={} revision={} tier={}",
                    a.id(), a.endpoint().metricName(), strictest.action().wireName(), strictest.direction().wireName(),
                    strictest.firedCategories(), strictest.contested(), strictest.policyRevision(), a.tier());
        }
    }
}
