package dev.rampart.gateway.stream;

import dev.rampart.gateway.http.ApiFault;
import dev.rampart.gateway.http.OpenAiErrors;
import dev.rampart.gateway.upstream.UpstreamExchange;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

/**
 * Relays an upstream event stream to the client, event by event, through a {@link StreamGuard}.
 * <ul>
 *   <li>Backpressure: when the client's write queue is full the upstream is paused until it drains, so a slow
 *       client never makes the gateway buffer without bound.</li>
 *   <li>Client disconnect cancels the upstream request.</li>
 *   <li>Upstream failure or a malformed stream ends the client's stream with an OpenAI-shaped error event and
 *       {@code data: [DONE]}: never a hang.</li>
 * </ul>
 * Response headers must already be set by the caller; the first write sends them.
 */
public final class SseRelay {
    /** How the stream ended. */
    public enum Outcome { COMPLETED, STOPPED_BY_GUARD, UPSTREAM_FAILED, CLIENT_GONE }

    private final UpstreamExchange exchange;
    private final HttpServerResponse client;
    private final StreamGuard guard;
    private final SseParser parser;
    private final Promise<Outcome> done = Promise.promise();
    private final Queue<SseEvent> inbox = new ArrayDeque<>();
    private boolean guarding;
    private boolean upstreamEnded;
    private boolean finished;
    private long firstByteNanos;

    public SseRelay(UpstreamExchange exchange, HttpServerResponse client, StreamGuard guard, int maxEventBytes) {
        this.exchange = exchange;
        this.client = client;
        this.guard = guard;
        this.parser = new SseParser(maxEventBytes);
    }

    /** Starts relaying; the future completes once the client's stream has ended, whatever the reason. */
    public Future<Outcome> start() {
        HttpClientResponse upstream = exchange.response();
        client.closeHandler(v -> {
            if (!finished) {
                finished = true;
                exchange.cancel();
                done.tryComplete(Outcome.CLIENT_GONE);
            }
        });
        upstream.handler(chunk -> {
            if (finished) {
                return;
            }
            List<SseEvent> events;
            try {
                events = parser.feed(chunk);
            } catch (SseParser.MalformedStreamException e) {
                failStream();
                return;
            }
            inbox.addAll(events);
            pump();
        });
        upstream.exceptionHandler(e -> {
            if (!finished) {
                failStream();
            }
        });
        upstream.endHandler(v -> {
            upstreamEnded = true;
            pump();
        });
        upstream.resume();
        return done.future();
    }

    /** Nanos of the first byte written to the client (0 if none yet). */
    public long firstByteNanos() {
        return firstByteNanos;
    }

    private void pump() {
        while (!finished && !guarding) {
            SseEvent event = inbox.poll();
            if (event == null) {
                if (upstreamEnded) {
                    finishNormally(parser.hasPartialEvent());
                }
                return;
            }
            if (event.data() == null) {
                write(event.raw()); // comments and keep-alives pass as they are
                continue;
            }
            if (event.isDone()) {
                inbox.clear();
                finishNormally(false);
                return;
            }
            guarding = true;
            guard.onEvent(event).onComplete(ar -> {
                guarding = false;
                if (finished) {
                    return;
                }
                if (ar.failed()) {
                    failStream();
                    return;
                }
                StreamGuard.Verdict verdict = ar.result();
                verdict.release().forEach(e -> write(e.raw()));
                if (verdict.stop()) {
                    finished = true;
                    exchange.cancel();
                    client.end().onComplete(x -> done.tryComplete(Outcome.STOPPED_BY_GUARD));
                    return;
                }
                pump();
            });
        }
    }

    private void finishNormally(boolean cutOff) {
        guarding = true;
        guard.onEnd().onComplete(ar -> {
            if (finished) {
                return;
            }
            if (ar.failed() || cutOff) {
                if (ar.succeeded()) {
                    ar.result().forEach(e -> write(e.raw()));
                }
                failStream();
                return;
            }
            ar.result().forEach(e -> write(e.raw()));
            write(SseEvent.DONE.raw());
            finished = true;
            exchange.finish(true);
            client.end().onComplete(x -> done.tryComplete(Outcome.COMPLETED));
        });
    }

    private void failStream() {
        if (finished) {
            return;
        }
        finished = true;
        exchange.finish(false);
        exchange.response().handler(null);
        ApiFault fault = new ApiFault(502, "server_error", "upstream_stream_failed", null,
                "The upstream model service failed while streaming; the response is incomplete.");
        write(Buffer.buffer("data: ").appendBuffer(OpenAiErrors.body(fault)).appendString("\n\n"));
        write(SseEvent.DONE.raw());
        client.end().onComplete(x -> done.tryComplete(Outcome.UPSTREAM_FAILED));
    }

    private void write(Buffer bytes) {
        if (client.closed()) {
            return;
        }
        if (firstByteNanos == 0) {
            firstByteNanos = System.nanoTime();
        }
        client.write(bytes);
        if (client.writeQueueFull()) {
            HttpClientResponse upstream = exchange.response();
            upstream.pause();
            client.drainHandler(v -> upstream.resume());
        }
    }
}
