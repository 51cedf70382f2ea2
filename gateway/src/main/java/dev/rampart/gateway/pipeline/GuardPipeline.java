package dev.rampart.gateway.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.config.GatewayConfig;
import dev.rampart.gateway.http.ApiFault;
import dev.rampart.gateway.http.OpenAiErrors;
import dev.rampart.gateway.http.StrictJson;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.gateway.openai.Endpoint;
import dev.rampart.gateway.openai.GuardedText;
import dev.rampart.gateway.openai.Replies;
import dev.rampart.gateway.openai.RequestValidator;
import dev.rampart.gateway.openai.TextSlot;
import dev.rampart.gateway.policy.PolicyRuntime;
import dev.rampart.gateway.stream.PassThroughStreamGuard;
import dev.rampart.gateway.stream.SseEvent;
import dev.rampart.gateway.stream.SseRelay;
import dev.rampart.gateway.stream.StreamGuard;
import dev.rampart.gateway.stream.StreamModeration;
import dev.rampart.gateway.stream.WindowedStreamGuard;
import dev.rampart.gateway.upstream.UpstreamEndpoint;
import dev.rampart.gateway.upstream.UpstreamExchange;
import dev.rampart.gateway.upstream.UpstreamRegistry;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.Decision;
import dev.rampart.policy.Direction;
import dev.rampart.policy.Policy;
import dev.rampart.policy.PromptBlockReply;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request flow, top to bottom: parse and validate → identify caller → trust → prompt guard → upstream →
 * completion guard → reply. A block is a value that short-circuits the flow with a reply; faults are failures
 * of the future chain and become OpenAI-shaped errors in one place ({@link #fail}).
 */
public final class GuardPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(GuardPipeline.class);
    private static final int MAX_UPSTREAM_BODY_BYTES = 64 * 1024 * 1024;
    private static final int MAX_SSE_EVENT_BYTES = 4 * 1024 * 1024;

    private final Vertx vertx;
    private final GatewayConfig.Server limits;
    private final StrictJson json;
    private final PolicyRuntime policies;
    private final ClassifierRunner classifiers;
    private final CallerIdentifier identifier;
    private final TrustLookup trust;
    private final UpstreamRegistry upstreams;
    private final GatewayMetrics metrics;
    private final Replies replies;
    private final DecisionSink decisions;
    private final java.util.function.UnaryOperator<String> subjectHash;
    private final boolean logContent;
    private final RewardStage rewards;

    public GuardPipeline(Vertx vertx, GatewayConfig.Server limits, PolicyRuntime policies, ClassifierRunner classifiers,
                         CallerIdentifier identifier, TrustLookup trust, UpstreamRegistry upstreams,
                         GatewayMetrics metrics, Replies replies, DecisionSink decisions,
                         java.util.function.UnaryOperator<String> subjectHash, boolean logContent,
                         RewardStage rewards) {
        this.vertx = vertx;
        this.limits = limits;
        this.json = new StrictJson(limits.maxJsonDepth());
        this.policies = policies;
        this.classifiers = classifiers;
        this.identifier = identifier;
        this.trust = trust;
        this.upstreams = upstreams;
        this.metrics = metrics;
        this.replies = replies;
        this.decisions = decisions;
        this.subjectHash = subjectHash;
        this.logContent = logContent;
        this.rewards = rewards;
    }

    /** Serves one request on a public OpenAI route. */
    public void handle(Endpoint endpoint, HttpServerRequest request) {
        Exchange x = new Exchange(endpoint, request, RequestIds.next(), System.nanoTime());
        x.response.putHeader("x-rampart-request-id", x.id);
        x.response.endHandler(v -> metrics.request(endpoint.metricName(), x.response.getStatusCode(), x.upstream,
                System.nanoTime() - x.startNanos));
        readBody(x)
                .map(body -> x.parsed = RequestValidator.validate(endpoint, json.parseObject(body)))
                .compose(parsed -> identifier.identify(request, userField(x)))
                .compose(caller -> trust.assess(x.caller = caller))
                .compose(assessment -> {
                    x.trust = withRequestedTier(assessment, request.getHeader(MAX_TIER_HEADER));
                    x.guard = policies.select(x.caller.keyId(), x.caller.tenant(), x.model());
                    return endpoint == Endpoint.MODERATIONS ? moderate(x) : guardPromptThenForward(x);
                })
                .onSuccess(v -> recordOutcome(x))
                .onFailure(failure -> fail(x, failure));
    }

    // ---- prompt guard -------------------------------------------------------------------------------------------

    private Future<Void> guardPromptThenForward(Exchange x) {
        return decide(x.guard, x.parsed.prompt(), Direction.PROMPT, x.tier()).compose(verdict -> {
            x.promptDecision = verdict.decision();
            x.promptScores = verdict.scores();
            metrics.decision(verdict.decision(), x.tier());
            headers(x);
            if (verdict.decision() instanceof Decision.Block block) {
                return replyPromptBlocked(x, block);
            }
            if (verdict.decision() instanceof Decision.Redact redact) {
                x.parsed.prompt().apply(redact);
            }
            return forward(x);
        });
    }

    private record Verdict(Decision decision, List<ClassifierScores> scores) {
    }

    private Future<Verdict> decide(GuardState state, GuardedText text, Direction direction, int tier) {
        Policy policy = state.policy();
        if (text.isEmpty() || policy.categoriesFor(direction).isEmpty()) {
            return Future.succeededFuture(new Verdict(policy.decide(direction, tier, List.of()), List.of()));
        }
        return classifiers.run(state, text.input(direction))
                .map(scores -> new Verdict(policy.decide(direction, tier, scores), scores));
    }

    private Future<Void> replyPromptBlocked(Exchange x, Decision.Block block) {
        logDecision(x, block);
        Policy policy = x.guard.policy();
        if (policy.promptBlockReply() == PromptBlockReply.REFUSAL && x.endpoint.generatesText()) {
            if (x.parsed.stream()) {
                startEventStream(x.response);
                for (String chunk : replies.refusalChunks(x.endpoint, x.id, x.model(), block.refusalMessage())) {
                    x.response.write(SseEvent.ofData(chunk).raw());
                }
                return x.response.end(SseEvent.DONE.raw());
            }
            return sendJson(x.response, 200, replies.refusal(x.endpoint, x.id, x.model(), block.refusalMessage()));
        }
        return sendError(x.response, new ApiFault(400, "invalid_request_error", "content_filter", null,
                block.refusalMessage()));
    }

    // ---- moderations (served locally) ---------------------------------------------------------------------------

    private Future<Void> moderate(Exchange x) {
        List<Future<Verdict>> perInput = new ArrayList<>();
        for (TextSlot slot : x.parsed.prompt().slots()) {
            perInput.add(decide(x.guard, new GuardedText(List.of(slot)), Direction.PROMPT, x.tier()));
        }
        return Future.all(perInput).compose(all -> {
            List<ObjectNode> results = new ArrayList<>();
            Decision strictest = null;
            for (Future<Verdict> f : perInput) {
                Verdict v = f.result();
                results.add(replies.moderationResult(x.guard.policy(), v.decision(), v.scores()));
                if (strictest == null || v.decision().action().ordinal() > strictest.action().ordinal()) {
                    strictest = v.decision();
                }
            }
            x.promptDecision = strictest;
            metrics.decision(strictest, x.tier());
            headers(x);
            String model = x.model() == null ? "rampart-" + x.guard.policy().name() : x.model();
            return sendJson(x.response, 200, replies.moderationResponse(x.id, model, results));
        });
    }

    // ---- upstream -----------------------------------------------------------------------------------------------

    private Future<Void> forward(Exchange x) {
        UpstreamEndpoint primary = upstreams.route(x.model()).orElseThrow(() -> new ApiFault(404,
                "invalid_request_error", "model_not_found", "model",
                "The model '" + printable(x.model()) + "' does not exist or is not served by this gateway."));
        x.rewardCandidates = RewardStage.requestCandidates(x, x.parsed.body());
        Buffer body = Buffer.buffer(x.parsed.body().toString());
        return call(x, primary, body).compose(exchange -> {
            x.upstream = exchange.upstreamName();
            HttpClientResponse response = exchange.response();
            String contentType = String.valueOf(response.getHeader(HttpHeaders.CONTENT_TYPE));
            if (x.parsed.stream() && response.statusCode() == 200 && contentType.startsWith("text/event-stream")) {
                return relayStream(x, exchange);
            }
            return readReply(x, exchange);
        });
    }

    /** Calls the upstream, falling back to the configured fallback upstream when the primary is unavailable. */
    private Future<UpstreamExchange> call(Exchange x, UpstreamEndpoint primary, Buffer body) {
        String clientAuth = x.request.getHeader(HttpHeaders.AUTHORIZATION);
        long start = System.nanoTime();
        Future<UpstreamExchange> first = primary.post(x.endpoint.upstreamPath(), body, null, clientAuth)
                .andThen(ar -> {
                    if (ar.succeeded()) {
                        metrics.upstreamLatency(primary.name(), ar.result().response().statusCode(),
                                System.nanoTime() - start);
                    }
                });
        String fallbackName = primary.config().fallback();
        if (fallbackName == null) {
            return first;
        }
        UpstreamEndpoint fallback = upstreams.byName(fallbackName).orElseThrow();
        return first.transform(ar -> {
            if (ar.succeeded() && ar.result().response().statusCode() < 500) {
                return Future.succeededFuture(ar.result());
            }
            if (ar.succeeded()) {
                ar.result().finish(false);
                ar.result().response().resume();
            } else if (!unavailable(ar.cause())) {
                return Future.failedFuture(ar.cause());
            }
            LOG.warn("request={} upstream={} unavailable, falling back to {}", x.id, primary.name(), fallback.name());
            return fallback.post(x.endpoint.upstreamPath(), body, null, clientAuth);
        });
    }

    private static boolean unavailable(Throwable t) {
        return t instanceof CallNotPermittedException || t instanceof ConnectException
                || t instanceof io.netty.channel.ConnectTimeoutException || t instanceof TimeoutException
                || t instanceof io.github.resilience4j.bulkhead.BulkheadFullException;
    }

    private Future<Void> readReply(Exchange x, UpstreamExchange exchange) {
        HttpClientResponse response = exchange.response();
        int status = response.statusCode();
        long timer = vertx.setTimer(limits.requestTimeoutMs(), id -> exchange.cancel());
        return boundedBody(response).andThen(ar -> vertx.cancelTimer(timer)).transform(ar -> {
            if (ar.failed()) {
                exchange.finish(false);
                return Future.failedFuture(ar.cause());
            }
            exchange.finish(status < 500);
            Buffer body = ar.result();
            if (status >= 500) {
                LOG.warn("request={} upstream={} answered {}", x.id, x.upstream, status);
                return Future.failedFuture(new ApiFault(502, "server_error", "upstream_error", null,
                        "The upstream model service failed (HTTP " + status + ")."));
            }
            JsonNode reply;
            try {
                reply = Replies.parse(body.getBytes());
            } catch (java.io.IOException e) {
                reply = null;
            }
            if (status >= 400) {
                return passUpstreamError(x, status, reply);
            }
            if (reply == null || !reply.isObject()) {
                return Future.failedFuture(new ApiFault(502, "server_error", "upstream_invalid_response", null,
                        "The upstream model service returned a response that is not JSON."));
            }
            if (!x.endpoint.generatesText()) {
                return sendJson(x.response, 200, (ObjectNode) reply);
            }
            return guardCompletion(x, (ObjectNode) reply)
                    .compose(guarded -> rewards.apply(x, guarded, () -> regenerate(x)))
                    .compose(chosen -> sendJson(x.response, 200, chosen));
        });
    }

    /** A fresh reply to the same request, guarded like the first (the reward policy asked to regenerate). */
    private Future<ObjectNode> regenerate(Exchange x) {
        UpstreamEndpoint primary = upstreams.route(x.model()).orElseThrow();
        return call(x, primary, Buffer.buffer(x.parsed.body().toString())).compose(exchange -> {
            int status = exchange.response().statusCode();
            return boundedBody(exchange.response()).transform(ar -> {
                exchange.finish(ar.succeeded() && status < 500);
                if (ar.failed()) {
                    return Future.failedFuture(ar.cause());
                }
                if (status != 200) {
                    return Future.failedFuture(new IllegalStateException("the upstream answered HTTP " + status));
                }
                JsonNode reply;
                try {
                    reply = Replies.parse(ar.result().getBytes());
                } catch (java.io.IOException e) {
                    reply = null;
                }
                if (reply == null || !reply.isObject()) {
                    return Future.failedFuture(new IllegalStateException("the upstream reply is not a JSON object"));
                }
                return guardCompletion(x, (ObjectNode) reply);
            });
        });
    }

    private Future<Void> passUpstreamError(Exchange x, int status, JsonNode reply) {
        if (reply != null && reply.path("error").isObject()) {
            return sendJson(x.response, status, (ObjectNode) reply);
        }
        return sendError(x.response, new ApiFault(status, status == 429 ? "rate_limit_error" : "invalid_request_error",
                "upstream_error", null, "The upstream model service rejected the request (HTTP " + status + ")."));
    }

    // ---- completion guard ---------------------------------------------------------------------------------------

    private Future<ObjectNode> guardCompletion(Exchange x, ObjectNode reply) {
        List<GuardedText> choices = CompletionTexts.choices(x.endpoint, reply);
        x.completionText = choices.stream().map(GuardedText::joined).collect(java.util.stream.Collectors.joining("\n\n"));
        StreamModeration windows = StreamSettings.of(x.guard.policy());
        List<Future<Decision>> decisions = new ArrayList<>();
        for (GuardedText choice : choices) {
            decisions.add(decideWindowed(x, choice, windows));
        }
        return Future.all(decisions).map(all -> {
            Decision strictest = null;
            for (int i = 0; i < decisions.size(); i++) {
                Decision d = decisions.get(i).result();
                if (d instanceof Decision.Block block) {
                    CompletionTexts.block(x.endpoint, reply, i, block.refusalMessage());
                } else if (d instanceof Decision.Redact redact) {
                    choices.get(i).apply(redact);
                }
                if (strictest == null || d.action().ordinal() > strictest.action().ordinal()) {
                    strictest = d;
                }
            }
            if (strictest != null) {
                x.completionDecision = strictest;
                metrics.decision(strictest, x.tier());
            }
            headers(x);
            return reply;
        });
    }

    /**
     * Decides on a completion text; a long one is checked in overlapping windows (the same windowing as streams) and
     * the strictest window decides, with the redaction spans of every window.
     */
    private Future<Decision> decideWindowed(Exchange x, GuardedText text, StreamModeration windows) {
        String joined = text.joined();
        if (joined.length() <= windows.windowChars()) {
            return decide(x.guard, text, Direction.COMPLETION, x.tier()).map(Verdict::decision);
        }
        List<Integer> starts = new ArrayList<>();
        List<Future<Verdict>> parts = new ArrayList<>();
        int stride = windows.windowChars() - windows.overlapChars();
        for (int start = 0; start < joined.length(); start += stride) {
            int end = Math.min(joined.length(), start + windows.windowChars());
            starts.add(start);
            parts.add(decide(x.guard, GuardedText.of("assistant", joined.substring(start, end)), Direction.COMPLETION,
                    x.tier()));
            if (end == joined.length()) {
                break;
            }
        }
        return Future.all(parts).map(all -> WindowedDecisions.combine(starts,
                parts.stream().map(f -> f.result().decision()).toList()));
    }

    private Future<Void> relayStream(Exchange x, UpstreamExchange exchange) {
        x.streaming = true;
        headers(x);
        startEventStream(x.response);
        GuardState state = x.guard;
        WindowedStreamGuard windowed = state.policy().categoriesFor(Direction.COMPLETION).isEmpty() ? null
                : new WindowedStreamGuard(StreamSettings.of(state.policy()),
                        text -> decide(state, GuardedText.of("assistant", text), Direction.COMPLETION, x.tier())
                                .map(Verdict::decision));
        StreamGuard guard = windowed != null ? windowed : new PassThroughStreamGuard();
        x.response.writeHead(); // the client learns at once that the stream is on, as with a plain proxy
        SseRelay relay = new SseRelay(exchange, x.response, guard, MAX_SSE_EVENT_BYTES);
        return relay.start().map(outcome -> {
            if (relay.firstByteNanos() > 0) {
                metrics.timeToFirstToken(exchange.upstreamName(), relay.firstByteNanos() - x.startNanos);
            }
            if (windowed != null && windowed.strictestDecision() != null) {
                x.completionDecision = windowed.strictestDecision();
                metrics.decision(x.completionDecision, x.tier());
                if (outcome == SseRelay.Outcome.STOPPED_BY_GUARD) {
                    LOG.info("request={} stream stopped by the completion guard at offset {} categories={} revision={}",
                            x.id, windowed.violationOffset(), x.completionDecision.firedCategories(),
                            x.completionDecision.policyRevision());
                }
            }
            if (outcome != SseRelay.Outcome.COMPLETED && outcome != SseRelay.Outcome.STOPPED_BY_GUARD) {
                LOG.info("request={} stream ended: {}", x.id, outcome.name().toLowerCase());
            }
            return null;
        });
    }

    // ---- reply --------------------------------------------------------------------------------------------------

    private void headers(Exchange x) {
        if (x.response.headWritten()) {
            return;
        }
        Decision decision = x.strictest();
        if (decision != null) {
            x.response.putHeader("x-rampart-decision", decision.action().wireName());
            x.response.putHeader("x-rampart-policy-revision", decision.policyRevision());
            if (!decision.firedCategories().isEmpty()) {
                x.response.putHeader("x-rampart-categories", String.join(",", decision.firedCategories()));
            }
        }
    }

    private void startEventStream(HttpServerResponse response) {
        response.setStatusCode(200);
        response.setChunked(true);
        response.setWriteQueueMaxSize(limits.streamWriteQueueBytes());
        response.putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        response.putHeader("x-accel-buffering", "no");
    }

    private static Future<Void> sendJson(HttpServerResponse response, int status, ObjectNode body) {
        if (response.ended() || response.closed()) {
            return Future.succeededFuture();
        }
        return response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Buffer.buffer(body.toString()));
    }

    private static Future<Void> sendError(HttpServerResponse response, ApiFault fault) {
        if (response.ended() || response.closed()) {
            return Future.succeededFuture();
        }
        return response.setStatusCode(fault.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(OpenAiErrors.body(fault));
    }

    /** The one place a failed request becomes an OpenAI-shaped error (or, mid-stream, an error event). */
    private void fail(Exchange x, Throwable failure) {
        ApiFault fault = OpenAiErrors.toFault(failure);
        if (x.response.ended() || x.response.closed()) {
            return;
        }
        if (x.response.headWritten()) {
            x.response.write(Buffer.buffer("data: ").appendBuffer(OpenAiErrors.body(fault)).appendString("\n\n"));
            x.response.end(SseEvent.DONE.raw());
            return;
        }
        if (fault.status() == 413 || fault.status() == 408) {
            x.response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        sendError(x.response, fault).onComplete(ar -> {
            if (fault.status() == 413 || fault.status() == 408) {
                x.request.connection().close();
            }
        });
    }

    private void recordOutcome(Exchange x) {
        Decision decision = x.strictest();
        if (decision == null) {
            return;
        }
        trust.record(x.caller, x.id, decision);
        long latencyMicros = (System.nanoTime() - x.startNanos) / 1000;
        decisions.accept(DecisionRecords.of(x.id + "-p", x, x.promptDecision, x.promptScores,
                x.parsed.prompt().joined(), latencyMicros, subjectHash, logContent));
        if (x.completionDecision != null) {
            decisions.accept(DecisionRecords.of(x.id + "-c", x, x.completionDecision, x.completionScores,
                    x.completionText, latencyMicros, subjectHash, logContent));
        }
        if (decision.action() != dev.rampart.policy.Action.ALLOW) {
            logDecision(x, decision);
        }
    }

    private void logDecision(Exchange x, Decision decision) {
        LOG.info("request={} route={} decision={} direction={} categories={} contested={} revision={} tier={}",
                x.id, x.endpoint.metricName(), decision.action().wireName(), decision.direction().wireName(),
                decision.firedCategories(), decision.contested(), decision.policyRevision(), x.tier());
    }

    // ---- request body -------------------------------------------------------------------------------------------

    private Future<Buffer> readBody(Exchange x) {
        HttpServerRequest request = x.request;
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !contentType.toLowerCase().contains("json")) {
            request.pause();
            return Future.failedFuture(new ApiFault(415, "invalid_request_error", "unsupported_media_type", null,
                    "The request body must be JSON (Content-Type: application/json)."));
        }
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limits.maxBodyBytes()) {
                    request.pause();
                    return Future.failedFuture(tooLarge());
                }
            } catch (NumberFormatException e) {
                return Future.failedFuture(ApiFault.invalidRequest(null, "Invalid Content-Length header."));
            }
        }
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        long timer = vertx.setTimer(limits.bodyReadTimeoutMs(), id -> promise.tryFail(new ApiFault(408,
                "invalid_request_error", "request_timeout", null, "The request body was not received in time.")));
        request.handler(chunk -> {
            if (body.length() + chunk.length() > limits.maxBodyBytes()) {
                request.pause();
                promise.tryFail(tooLarge());
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(promise::tryFail);
        request.endHandler(v -> promise.tryComplete(body));
        return promise.future().andThen(ar -> vertx.cancelTimer(timer));
    }

    private ApiFault tooLarge() {
        return new ApiFault(413, "invalid_request_error", "request_too_large", null,
                "The request body exceeds the limit of " + limits.maxBodyBytes() + " bytes.");
    }

    private static Future<Buffer> boundedBody(HttpClientResponse response) {
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (body.length() + chunk.length() > MAX_UPSTREAM_BODY_BYTES) {
                promise.tryFail(new ApiFault(502, "server_error", "upstream_response_too_large", null,
                        "The upstream response exceeds the gateway's limit."));
            } else {
                body.appendBuffer(chunk);
            }
        });
        response.exceptionHandler(promise::tryFail);
        response.endHandler(v -> promise.tryComplete(body));
        response.resume();
        return promise.future();
    }

    /** A client may ask to be treated more strictly ({@code x-rampart-max-tier: 0}); never more laxly. */
    static final String MAX_TIER_HEADER = "x-rampart-max-tier";

    private static dev.rampart.trust.TrustAssessment withRequestedTier(dev.rampart.trust.TrustAssessment a,
                                                                        String requested) {
        if (requested == null) {
            return a;
        }
        try {
            int tier = dev.rampart.trust.model.TrustModel.effectiveTier(a.tier(), Integer.valueOf(requested.trim()));
            return new dev.rampart.trust.TrustAssessment(a.score(), tier, a.authority(), a.direct(), a.degraded());
        } catch (NumberFormatException e) {
            throw ApiFault.invalidRequest(null, "invalid_header", "Header " + MAX_TIER_HEADER + " must be a number.");
        }
    }

    private static String userField(Exchange x) {
        JsonNode user = x.parsed.body().get("user");
        return user != null && user.isTextual() ? user.textValue() : null;
    }

    private static String printable(String s) {
        if (s == null) {
            return "";
        }
        String clean = s.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
