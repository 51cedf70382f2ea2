package dev.rampart.gateway.stream;

import dev.rampart.gateway.http.ApiFault;
import dev.rampart.gateway.http.ApiError;
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
 * Relays an upstream event stream to the client, event by event and in order, through a {@link StreamGuard}.
 * <ul>
 *   <li>Backpressure: when the client's write queue is full the upstream is paused until it drains, so a slow
 *       client never makes the gateway buffer without bound.</li>
 *   <li>Client disconnect cancels the upstream request.</li>
 *   <li>Upstream failure, a stream cut inside an event, or an unbounded event: the events already received are
 *       still checked and released, then the client's stream ends with an OpenAI-shaped error event and
 *       its end ({@code data: [DONE]} for chat; a Responses API stream has none): never a hang.</li>
 *   <li>Deadlines ({@link #withDeadlines}): the whole stream must end within its total time, and events with data
 *       must not be further apart than the silence limit (keep-alive comments do not count; time the gateway itself
 *       holds the upstream paused for a slow client does not count). Past either, the stream ends as an upstream
 *       failure.</li>
 * </ul>
 * Response headers must already be set by the caller; the first write sends them. All methods run on the request's
 * Vert.x context.
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
    private boolean upstreamFailed;
    private boolean finished;
    private long firstByteNanos;
    /** Bytes released but not yet written: events released together go out in one write. */
    private Buffer pendingOut;

    private final StreamFormat format;
    private long totalMs;
    private long silenceMs;
    private io.vertx.core.Vertx timers;
    private long totalTimer = -1;
    private long silenceTimer = -1;
    /** When the upstream last sent an event with data (or the gateway last resumed it): the silence limit's origin. */
    private long lastDataNanos;
    /** The upstream is paused for a slow client: its silence is ours, not its own. */
    private boolean paused;

    /** A relay of chat completion (or text completion) chunks. */
    public SseRelay(UpstreamExchange exchange, HttpServerResponse client, StreamGuard guard, int maxEventBytes) {
        this(exchange, client, guard, maxEventBytes, new ChatStreamFormat());
    }

    /** A relay of a stream in {@code format}, whose error event and normal end it writes. */
    public SseRelay(UpstreamExchange exchange, HttpServerResponse client, StreamGuard guard, int maxEventBytes,
                    StreamFormat format) {
        this.exchange = exchange;
        this.client = client;
        this.guard = guard;
        this.parser = new SseParser(maxEventBytes);
        this.format = format;
    }

    /**
     * Bounds the stream in time: {@code totalMs} for all of it, {@code silenceMs} between events with data (0: no
     * bound). Timers run on {@code vertx}, on the calling context.
     */
    public SseRelay withDeadlines(io.vertx.core.Vertx vertx, long totalMs, long silenceMs) {
        this.timers = vertx;
        this.totalMs = totalMs;
        this.silenceMs = silenceMs;
        return this;
    }

    /** Starts relaying; the future completes once the client's stream has ended, whatever the reason. */
    public Future<Outcome> start() {
        HttpClientResponse upstream = exchange.response();
        if (timers != null && totalMs > 0) {
            totalTimer = timers.setTimer(totalMs, id -> {
                totalTimer = -1;
                upstreamBroke();
            });
        }
        armSilence();
        client.closeHandler(v -> {
            if (!finished) {
                finished = true;
                cancelTimers();
                exchange.cancel();
                done.tryComplete(Outcome.CLIENT_GONE);
            }
        });
        upstream.handler(chunk -> {
            if (finished || upstreamEnded) {
                return;
            }
            try {
                List<SseEvent> events = parser.feed(chunk);
                if (events.stream().anyMatch(e -> e.data() != null)) {
                    lastDataNanos = System.nanoTime();
                }
                inbox.addAll(events);
            } catch (SseParser.MalformedStreamException e) {
                upstreamBroke();
            }
            pump();
        });
        upstream.exceptionHandler(e -> upstreamBroke());
        upstream.endHandler(v -> {
            if (!upstreamEnded) {
                upstreamEnded = true;
                disarmSilence();
                upstreamFailed = parser.hasPartialEvent();
                pump();
            }
        });
        upstream.resume();
        return done.future();
    }

    /** Nanos of the first byte written to the client (0 if none yet). */
    public long firstByteNanos() {
        return firstByteNanos;
    }

    /**
     * Starts the silence limit from now. One timer per silence period, not one per event: when it fires it looks at
     * when data last came and waits again for the rest of the period, or ends the stream.
     */
    private void armSilence() {
        lastDataNanos = System.nanoTime();
        scheduleSilenceCheck(silenceMs);
    }

    private void scheduleSilenceCheck(long delayMs) {
        if (timers != null && silenceMs > 0 && silenceTimer < 0 && !upstreamEnded && !finished) {
            silenceTimer = timers.setTimer(Math.max(1, delayMs), id -> {
                silenceTimer = -1;
                if (paused || upstreamEnded || finished) {
                    return;                  // a resume arms it again
                }
                long silentMs = (System.nanoTime() - lastDataNanos) / 1_000_000;
                if (silentMs >= silenceMs) {
                    upstreamBroke();
                } else {
                    scheduleSilenceCheck(silenceMs - silentMs);
                }
            });
        }
    }

    private void disarmSilence() {
        if (silenceTimer >= 0) {
            timers.cancelTimer(silenceTimer);
            silenceTimer = -1;
        }
    }

    private void cancelTimers() {
        disarmSilence();
        if (totalTimer >= 0) {
            timers.cancelTimer(totalTimer);
            totalTimer = -1;
        }
    }

    private void upstreamBroke() {
        if (upstreamEnded || finished) {
            return;
        }
        upstreamEnded = true;
        upstreamFailed = true;
        exchange.response().handler(null);
        exchange.failAndReset();
        pump();
    }

    /** Hands queued events to the guard one at a time, in order; finishes once the upstream ended and all passed. */
    private void pump() {
        try {
            pumpEvents();
        } finally {
            flush();
        }
    }

    private boolean inPump;

    private void pumpEvents() {
        inPump = true;
        try {
            pumpLoop();
        } finally {
            inPump = false;
        }
    }

    private void pumpLoop() {
        while (!finished && !guarding) {
            SseEvent event = inbox.poll();
            if (event == null) {
                if (upstreamEnded) {
                    finish();
                }
                return;
            }
            if (event.isDone()) {
                inbox.clear();
                upstreamEnded = true;
                upstreamFailed = false;
                finish();
                return;
            }
            guarding = true;
            guard.onEvent(event).onComplete(ar -> {
                guarding = false;
                if (finished) {
                    return;
                }
                if (ar.failed()) {
                    end(List.of(), true, Outcome.UPSTREAM_FAILED);
                    return;
                }
                StreamGuard.Verdict verdict = ar.result();
                verdict.release().forEach(e -> write(e.raw()));
                if (verdict.stop()) {
                    finished = true;
                    cancelTimers();
                    exchange.cancel();
                    flush();
                    client.end().onComplete(x -> done.tryComplete(Outcome.STOPPED_BY_GUARD));
                    return;
                }
                if (!inPump) {
                    pump();
                }
            });
        }
    }

    /** The upstream is done (or broke): flush what the guard still holds, then end the client's stream. */
    private void finish() {
        guarding = true;
        boolean failed = upstreamFailed;
        guard.onEnd().onComplete(ar -> {
            guarding = false;
            if (finished) {
                return;
            }
            List<SseEvent> rest = ar.succeeded() ? ar.result() : List.of();
            end(rest, failed || ar.failed(), failed || ar.failed() ? Outcome.UPSTREAM_FAILED : Outcome.COMPLETED);
        });
    }

    private void end(List<SseEvent> rest, boolean withError, Outcome outcome) {
        finished = true;
        cancelTimers();
        rest.forEach(e -> write(e.raw()));
        if (withError) {
            format.failed(ApiFault.of(ApiError.UPSTREAM_STREAM_FAILED)).forEach(e -> write(e.raw()));
            exchange.failAndReset();
        } else {
            exchange.finish(true);
        }
        format.end().forEach(e -> write(e.raw()));
        flush();
        client.end().onComplete(x -> done.tryComplete(outcome));
    }

    private void write(Buffer bytes) {
        if (pendingOut == null) {
            pendingOut = Buffer.buffer(bytes.length() * 2);
        }
        pendingOut.appendBuffer(bytes);
    }

    private void flush() {
        if (pendingOut == null || pendingOut.length() == 0) {
            return;
        }
        Buffer out = pendingOut;
        pendingOut = null;
        if (client.closed()) {
            return;
        }
        if (firstByteNanos == 0) {
            firstByteNanos = System.nanoTime();
        }
        client.write(out);
        if (client.writeQueueFull()) {
            HttpClientResponse upstream = exchange.response();
            upstream.pause();
            paused = true;                   // the upstream is not silent, we are not listening
            client.drainHandler(v -> {
                paused = false;
                upstream.resume();
                armSilence();
            });
        }
    }
}
