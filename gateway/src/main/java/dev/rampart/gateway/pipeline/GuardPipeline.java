package dev.rampart.gateway.pipeline;

import static dev.rampart.gateway.tracing.StageSpans.around;

import dev.rampart.gateway.http.ApiError;
import dev.rampart.gateway.http.ApiFault;
import dev.rampart.gateway.http.FaultTable;
import dev.rampart.gateway.logging.RequestLogContext;
import dev.rampart.gateway.openai.Endpoint;
import dev.rampart.gateway.openai.ParsedRequest;
import dev.rampart.gateway.openai.Replies;
import dev.rampart.gateway.policy.PolicyRuntime;
import dev.rampart.gateway.policy.Degradation;
import dev.rampart.gateway.policy.Verdict;
import dev.rampart.policy.Decision;
import dev.rampart.policy.PromptBlockReply;
import dev.rampart.trust.Caller;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;

/**
 * The request flow, top to bottom, each stage a named type that returns a value:
 * <ol>
 *   <li>{@link RequestBody} — bounded read, strict parse, validation → {@link ParsedRequest}</li>
 *   <li>{@link CallerIdentifier} — API key or JWT → {@link Caller}</li>
 *   <li>{@link TrustLookup} — the caller's trust and tier, and the policy pack that guards them → {@link Admitted};
 *       then {@link RequestLimiter} — the caller's rate limits at that tier ({@code 429 rate_limit_exceeded}), and
 *       {@link Recorder#admit} — with {@code decision_log.fail_closed}, no request while the log cannot record it
 *       ({@code 503 guardrail_unavailable})</li>
 *   <li>{@link PromptGuard} — every text the model will read → prompt {@link Verdict}</li>
 *   <li>{@link UpstreamCall} — call, fallback, reply reading, upstream errors → {@link UpstreamReply}</li>
 *   <li>{@link CompletionGuard} — whole replies and stream windows → {@link CompletionVerdict}</li>
 *   <li>{@link RewardStage} — reward scoring, best of n, regeneration → {@link RewardOutcome}</li>
 *   <li>{@link Recorder} — metrics, decision log, trust feedback</li>
 *   <li>{@link ReplyWriter} — headers, JSON, event streams, faults</li>
 * </ol>
 * {@code /v1/moderations} branches off after stage 3 to its own handler, {@link Moderations}. A block is a value that
 * short-circuits to the reply; a fault before a decision was taken fails the chain and becomes an OpenAI-shaped error
 * in one place ({@link ReplyWriter#fail}); a fault after the prompt was decided (the upstream failed) is part of the
 * {@link Outcome}, so the decision is still recorded.
 */
public final class GuardPipeline {
    private final RequestBody body;
    private final CallerIdentifier identifier;
    private final TrustLookup trust;
    private final RequestLimiter limiter;
    private final PolicyRuntime policies;
    private final PromptGuard promptGuard;
    private final UpstreamCall upstream;
    private final CompletionGuard completionGuard;
    private final RewardStage rewards;
    private final Moderations moderations;
    private final Recorder recorder;
    private final ReplyWriter writer;
    private final Replies replies;

    GuardPipeline(Stages stages) {
        this.body = stages.body();
        this.identifier = stages.identifier();
        this.trust = stages.trust();
        this.limiter = stages.limiter();
        this.policies = stages.policies();
        this.promptGuard = stages.promptGuard();
        this.upstream = stages.upstream();
        this.completionGuard = stages.completionGuard();
        this.rewards = stages.rewards();
        this.moderations = stages.moderations();
        this.recorder = stages.recorder();
        this.writer = stages.writer();
        this.replies = stages.replies();
    }

    /** Serves one request on a public OpenAI route. */
    public void handle(Endpoint endpoint, HttpServerRequest request) {
        ClientCall call = ClientCall.start(endpoint, request);
        RequestLogContext.bind(call.id());                    // every log line of this request carries its id
        around("request_body", () -> body.read(call))                                     // 1 parse and validate
                .compose(parsed -> around("identify", () -> identifier.identify(request, parsed.userField())) // 2
                        .compose(caller -> around("trust", () -> trust.assess(caller))    // 3 trust
                                .map(assessment -> admit(call, parsed, caller, assessment))))
                .compose(limiter::admit)                                                  // 3b rate limits
                .compose(recorder::admit)                                                 // 3c log can record
                .compose(admitted -> endpoint == Endpoint.MODERATIONS
                        ? around("moderations", () -> moderations.serve(admitted))
                        : guardAndForward(admitted))                                      // 4-7
                .onSuccess(outcome -> {
                    recorder.record(outcome);                                             // 8 record
                    writer.send(outcome)                                                  // 9 reply
                            .onComplete(sent -> limiter.finished(outcome.admitted()));     // slots back
                })
                .onFailure(failure -> writer.fail(call, failure));
    }

    private Admitted admit(ClientCall call, ParsedRequest parsed, Caller caller,
                           dev.rampart.trust.TrustAssessment assessment) {
        return new Admitted(call, parsed, caller, RequestedTier.apply(assessment, call.request()),
                policies.select(caller.keyId(), caller.tenant(), parsed.model()));
    }

    /** Stages 4-7: the prompt guard, then (unless it blocked) the upstream, the completion guard and reward. */
    private Future<Outcome> guardAndForward(Admitted a) {
        return around("prompt_guard", () -> promptGuard.check(a)).compose(prompt -> {     // 4 prompt guard
            if (prompt.decision() instanceof Decision.Block block) {
                return Future.succeededFuture(promptBlocked(a, prompt, block));
            }
            boolean candidates = rewards.requestCandidates(a);
            return around("upstream", () -> upstream.send(a))                             // 5 upstream
                    .compose(reply -> answer(a, prompt, candidates, reply))               // 6-7
                    .recover(failure -> Future.succeededFuture(
                            new Outcome(a, prompt, null, null, null, new Outcome.Error(FaultTable.toFault(failure)))));
        });
    }

    /** Stages 6-7 for each kind of upstream reply. */
    private Future<Outcome> answer(Admitted a, Verdict prompt, boolean candidates, UpstreamReply reply) {
        if (reply instanceof UpstreamReply.Stream stream) {
            StreamedTokens tokens = limiter.chargesTokens() ? new StreamedTokens(a) : null;  // for the budgets
            return around("completion_guard_stream",                                       // 6 completion guard, streamed
                    () -> writer.relay(a, prompt, stream, completionGuard.forStream(a), tokens))
                    .map(completion -> new Outcome(a, prompt, completion, null, stream.upstream(),
                            new Outcome.Streamed(tokens == null ? 0 : tokens.total()), stream.headers()));
        }
        if (reply instanceof UpstreamReply.Refused refused) {
            return Future.succeededFuture(new Outcome(a, prompt, null, null, refused.upstream(),
                    new Outcome.Json(refused.status(), refused.body()), refused.headers()));
        }
        UpstreamReply.Whole whole = (UpstreamReply.Whole) reply;
        return around("completion_guard", () -> completionGuard.check(a, whole.body()))   // 6 completion guard
                .compose(completion -> around("reward", () -> rewards.apply(a, candidates, prompt.decision(),
                        completion, new Regeneration(a, upstream, completionGuard))))     // 7 reward
                .map(rewarded -> new Outcome(a, prompt, rewarded.chosen(), rewarded, whole.upstream(),
                        Degradation.outageOnly(rewarded.chosen().decided() ? rewarded.chosen().verdict().decision() : null)
                                ? new Outcome.Error(ApiFault.of(ApiError.GUARDRAIL_UNAVAILABLE)) // not a judgement
                                : new Outcome.Json(200, rewarded.chosen().reply()),
                        whole.headers()));
    }

    /**
     * A blocked prompt: a {@code 400 content_filter} that says why ({@link BlockReasons}), or a refusal the policy chose so chat UIs keep working; a block
     * that rests only on failed classifiers is an outage, {@code 503 guardrail_unavailable}, not a judgement.
     */
    private Outcome promptBlocked(Admitted a, Verdict prompt, Decision.Block block) {
        if (Degradation.outageOnly(block)) {
            return new Outcome(a, prompt, null, null, null, new Outcome.Error(ApiFault.of(ApiError.GUARDRAIL_UNAVAILABLE)));
        }
        if (a.policy().promptBlockReply() == PromptBlockReply.REFUSAL && a.endpoint().generatesText()) {
            Outcome.Reply reply = a.request().stream()
                    ? new Outcome.Events(replies.refusalEvents(a.endpoint(), a.id(), a.model(), block.refusalMessage()))
                    : new Outcome.Json(200, replies.refusal(a.endpoint(), a.id(), a.model(), block.refusalMessage()));
            return new Outcome(a, prompt, null, null, null, reply);
        }
        return new Outcome(a, prompt, null, null, null,
                new Outcome.Error(ApiFault.contentFilter(block.refusalMessage(), BlockReasons.of(a.id(), block))));
    }
}
