package dev.rampart.gateway.pipeline;

import dev.rampart.gateway.http.ApiError;
import dev.rampart.gateway.http.ApiFault;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.gateway.policy.ShadowAgreement;
import dev.rampart.policy.Action;
import dev.rampart.policy.Decision;
import dev.rampart.trust.model.EvidenceRule;
import dev.rampart.trust.model.RequestOutcome;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 9: records what was decided — decision metrics, the decision records of the prompt and of the completion
 * (with their classifiers' scores) for the decision log and dashboard, a log line for every decision that is not an
 * allow (and for what monitor mode let through), live/shadow agreement per category, and what the request says about
 * its caller as trust feedback ({@link TrustEvidence}: only prompt-side
 * blocks decided on scores at the caller's assessed tier count against the caller) and about the model (reply-side
 * violations, counted per upstream in {@code rampart.model.reply_violations}); charges the caller's token budgets
 * with what the request used: a whole JSON reply's {@code usage.total_tokens}, a stream's once it is over
 * ({@link StreamedTokens}: its final usage chunk, else an estimate; also when the guard cut it or the client left).
 * Runs as the reply goes out, so metrics and logs already show a decision when the client sees its reply. Never logs
 * text.
 */
public final class Recorder {
    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);

    private final GatewayMetrics metrics;
    private final DecisionSink decisions;
    private final DecisionRecords records;
    private final TrustLookup trust;
    private final Clock clock;
    private final RequestLimiter limiter;
    private final ShadowAgreement shadows;

    Recorder(GatewayMetrics metrics, DecisionSink decisions, DecisionRecords records, TrustLookup trust, Clock clock,
             RequestLimiter limiter) {
        this.limiter = limiter;
        this.metrics = metrics;
        this.shadows = new ShadowAgreement(metrics.registry());
        this.decisions = decisions;
        this.records = records;
        this.trust = trust;
        this.clock = clock;
    }

    /**
     * Refuses a request whose decisions could not be recorded ({@code decision_log.fail_closed} while the log cannot
     * write): {@code 503 guardrail_unavailable}, before anything is guarded or forwarded.
     */
    public Future<Admitted> admit(Admitted a) {
        if (decisions.accepting()) {
            return Future.succeededFuture(a);
        }
        return Future.failedFuture(ApiFault.of(ApiError.GUARDRAIL_UNAVAILABLE,
                "The decision log cannot record decisions right now, so the request was not served. Try again later."));
    }

    public void record(Outcome o) {
        Admitted a = o.admitted();
        long latencyMicros = a.call().elapsedNanos() / 1000;
        metrics.decision(o.prompt().decision(), a.tier());
        shadows.record(o.prompt().decision(), o.prompt().shadow());
        decisions.accept(records.prompt(o, latencyMicros));
        Decision completion = o.completionDecision();
        if (completion != null) {
            metrics.decision(completion, a.tier());
            shadows.record(completion, o.completion().verdict().shadow());
            decisions.accept(records.completion(o, latencyMicros));
        }
        if (o.reply() instanceof Outcome.Json json && json.body().path("usage").path("total_tokens").canConvertToLong()) {
            limiter.settle(a, json.body().path("usage").path("total_tokens").asLong());
        } else if (o.reply() instanceof Outcome.Streamed streamed && streamed.tokens() > 0) {
            limiter.settle(a, streamed.tokens());                                         // once, the stream is over
        }
        if (o.upstream() != null && o.reply() instanceof Outcome.Json json && json.body().path("usage").isObject()) {
            var usage = json.body().path("usage");                                        // tokens the upstream reported
            metrics.tokens().record(a.model(), a.tier(), usage.path("prompt_tokens").asLong(-1),
                    usage.path("completion_tokens").asLong(-1));
        }
        Decision strictest = o.strictest();
        RequestOutcome evidence = TrustEvidence.of(o, clock.instant());
        trust.record(a.caller(), evidence);
        EvidenceRule.modelEvidence(evidence).ifPresent(i -> Counter.builder("rampart.model.reply_violations")
                .description("Replies the completion guard blocked or flagged on scores: evidence about the model, "
                        + "never counted against the caller")
                .tag("upstream", o.upstream() == null ? "none" : o.upstream())
                .tag("outcome", i.outcome().name().toLowerCase(java.util.Locale.ROOT))
                .register(metrics.registry()).increment());
        Decision would = o.strictestWould();
        if (would.monitoredDifference()) {
            LOG.info("request={} route={} monitor: would {} direction={} categories={} revision={} tier={}", a.id(),
                    a.endpoint().metricName(), would.wouldAction().wireName(), would.direction().wireName(),
                    would.monitoredCategories(), would.policyRevision(), a.tier());
        }
        if (strictest.action() != Action.ALLOW) {
            LOG.info("request={} route={} decision={} direction={} categories={} contested={} revision={} tier={}",
                    a.id(), a.endpoint().metricName(), strictest.action().wireName(), strictest.direction().wireName(),
                    strictest.firedCategories(), strictest.contested(), strictest.policyRevision(), a.tier());
        }
    }
}
