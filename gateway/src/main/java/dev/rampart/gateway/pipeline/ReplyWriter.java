package dev.rampart.gateway.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.config.GatewayConfig;
import dev.rampart.gateway.http.ApiFault;
import dev.rampart.gateway.http.ErrorBody;
import dev.rampart.gateway.http.FaultTable;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.gateway.policy.Degradation;
import dev.rampart.gateway.policy.Verdict;
import dev.rampart.gateway.openai.Endpoint;
import dev.rampart.gateway.stream.ChatStreamFormat;
import dev.rampart.gateway.stream.ResponsesStreamFormat;
import dev.rampart.gateway.stream.StreamFormat;
import dev.rampart.gateway.stream.SseRelay;
import dev.rampart.policy.Decision;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 8: everything the client receives — the {@code x-rampart-*} headers, whole JSON replies, the event stream
 * (its start and, through {@link SseRelay}, the relay of the upstream's stream as the completion guard releases it),
 * and faults: an OpenAI-shaped error, or an error event and the stream's end once a stream has begun. Also the one place
 * the request's duration is measured.
 */
public final class ReplyWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyWriter.class);
    private static final int MAX_SSE_EVENT_BYTES = 4 * 1024 * 1024;

    private final GatewayMetrics metrics;
    private final int streamWriteQueueBytes;

    public ReplyWriter(GatewayMetrics metrics, GatewayConfig.Server limits) {
        this.metrics = metrics;
        this.streamWriteQueueBytes = limits.streamWriteQueueBytes();
    }

    /** Sends an outcome's reply (a stream was sent already, as it was relayed). */
    public Future<Void> send(Outcome outcome) {
        ClientCall call = outcome.admitted().call();
        HttpServerResponse response = call.response();
        if (response.ended() || response.closed()) {
            return Future.succeededFuture();
        }
        measure(call, outcome.upstream());
        decisionHeaders(response, outcome.strictest());
        wouldDecideHeaders(response, outcome.strictestWould());
        degradedHeader(response, outcome.prompt().decision(), outcome.completionDecision());
        outcome.relayed().forEach(response::putHeader);
        if (outcome.reward() != null) {
            outcome.reward().responseHeaders().forEach(response::putHeader);
        }
        Outcome.Reply reply = outcome.reply();
        if (reply instanceof Outcome.Json json) {
            return json(response, json.status(), json.body());
        }
        if (reply instanceof Outcome.Events events) {
            startEventStream(response);
            events.events().forEach(event -> response.write(event.raw()));
            return response.end();
        }
        if (reply instanceof Outcome.Error error) {
            return ErrorBody.send(response, error.fault());
        }
        return Future.succeededFuture(); // Streamed: already on the wire
    }

    /**
     * Starts the client's event stream (headers at once, as a plain proxy would) and relays the upstream's stream
     * through the completion guard's stream check, counting what it costs in {@code tokens} (null: not counted).
     * Completes with the completion verdict once the stream ended, whatever the reason.
     */
    public Future<CompletionVerdict> relay(Admitted a, Verdict prompt, UpstreamReply.Stream stream,
                                          CompletionGuard.StreamCheck check, StreamedTokens tokens) {
        HttpServerResponse response = a.call().response();
        measure(a.call(), stream.upstream());
        decisionHeaders(response, prompt.decision());
        wouldDecideHeaders(response, prompt.decision());
        degradedHeader(response, prompt.decision(), null);
        stream.headers().forEach(response::putHeader);
        startEventStream(response);
        response.writeHead();
        SseRelay relay = new SseRelay(stream.exchange(), response,
                tokens == null ? check.guard() : tokens.observing(check.guard()), MAX_SSE_EVENT_BYTES, check.format());
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        if (context != null) {
            GatewayConfig.Timeouts limits = stream.exchange().timeouts();
            relay.withDeadlines(context.owner(), limits.streamTotalMs(), limits.streamSilenceMs());
        }
        return relay.start().map(outcome -> {
            if (relay.firstByteNanos() > 0) {
                metrics.timeToFirstToken(stream.upstream(), relay.firstByteNanos() - a.call().startNanos());
            }
            Verdict verdict = check.verdict();
            if (outcome == SseRelay.Outcome.STOPPED_BY_GUARD && verdict != null) {
                LOG.info("request={} stream stopped by the completion guard at offset {} categories={} revision={}",
                        a.id(), check.violationOffset(), verdict.decision().firedCategories(),
                        verdict.decision().policyRevision());
            } else if (outcome != SseRelay.Outcome.COMPLETED && outcome != SseRelay.Outcome.STOPPED_BY_GUARD) {
                LOG.info("request={} stream ended: {}", a.id(), outcome.name().toLowerCase());
            }
            return new CompletionVerdict(null, verdict, "");
        });
    }

    /** A request that failed before a decision: an OpenAI-shaped error, or an error event once a stream began. */
    public void fail(ClientCall call, Throwable failure) {
        ApiFault fault = FaultTable.toFault(failure);
        HttpServerResponse response = call.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (response.headWritten()) {
            StreamFormat format = call.endpoint() == Endpoint.RESPONSES ? new ResponsesStreamFormat()
                    : new ChatStreamFormat();
            format.failed(fault).forEach(event -> response.write(event.raw()));
            format.end().forEach(event -> response.write(event.raw()));
            response.end();
            return;
        }
        measure(call, null);
        ErrorBody.send(response, fault).onComplete(ar -> {
            if (fault.error().closesConnection()) {
                call.request().connection().close();
            }
        });
    }

    private void measure(ClientCall call, String upstream) {
        HttpServerResponse response = call.response();
        response.endHandler(v -> metrics.request(call.endpoint().metricName(), response.getStatusCode(), upstream,
                call.elapsedNanos()));
    }

    private static void decisionHeaders(HttpServerResponse response, Decision decision) {
        if (response.headWritten() || decision == null) {
            return;
        }
        response.putHeader("x-rampart-decision", decision.action().wireName());
        response.putHeader("x-rampart-policy-revision", decision.policyRevision());
        if (!decision.firedCategories().isEmpty()) {
            response.putHeader("x-rampart-categories", String.join(",", decision.firedCategories()));
        }
    }

    /**
     * Monitor mode let the request through although an enforced policy would have acted:
     * {@code x-rampart-would-decide} names what it would have done, {@code x-rampart-monitored-categories} why.
     */
    private static void wouldDecideHeaders(HttpServerResponse response, Decision decision) {
        if (response.headWritten() || decision == null || !decision.monitoredDifference()) {
            return;
        }
        response.putHeader("x-rampart-would-decide", decision.wouldAction().wireName());
        response.putHeader("x-rampart-monitored-categories", String.join(",", decision.monitoredCategories()));
    }

    /** {@code x-rampart-degraded}: the categories that passed unchecked because their classifier failed. */
    private static void degradedHeader(HttpServerResponse response, Decision prompt, Decision completion) {
        if (response.headWritten()) {
            return;
        }
        java.util.LinkedHashSet<String> degraded = new java.util.LinkedHashSet<>(Degradation.failedOpen(prompt));
        degraded.addAll(Degradation.failedOpen(completion));
        if (!degraded.isEmpty()) {
            response.putHeader("x-rampart-degraded", String.join(",", degraded));
        }
    }

    private void startEventStream(HttpServerResponse response) {
        response.setStatusCode(200);
        response.setChunked(true);
        response.setWriteQueueMaxSize(streamWriteQueueBytes);
        response.putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        response.putHeader("x-accel-buffering", "no");
    }

    private static Future<Void> json(HttpServerResponse response, int status, ObjectNode body) {
        return response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(dev.rampart.gateway.http.JsonBuffers.of(body));
    }
}
