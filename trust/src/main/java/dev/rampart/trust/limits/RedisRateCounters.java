package dev.rampart.trust.limits;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Counters in Redis, shared by every replica: each check is one Lua script run atomically on the server, so N
 * replicas together allow at most the limit per window (fixed windows: at most one window's worth more across a
 * window boundary, as with any fixed-window counter).
 */
public final class RedisRateCounters implements RateCounters {
    private static final String COUNT = script("/rampart/limit-count.lua");
    private static final String TOKENS = script("/rampart/limit-tokens.lua");
    private static final String ACQUIRE = script("/rampart/limit-acquire.lua");

    /** A day's token total is kept this long after its first charge. */
    static final long DAY_TTL_MS = 2 * 86_400_000L;

    private final Redis redis;
    private final RedisAPI api;

    private RedisRateCounters(Vertx vertx, String uri) {
        this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(uri).setMaxPoolSize(16)
                .setMaxPoolWaiting(1024));
        this.api = RedisAPI.api(redis);
    }

    /** Counters on {@code redis://host:port[/db]}; connects lazily. */
    public static RedisRateCounters connect(Vertx vertx, String uri) {
        return new RedisRateCounters(vertx, uri);
    }

    private static String script(String resource) {
        try (InputStream in = RedisRateCounters.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the rate-limit Lua script " + resource + " is missing from the jar", e);
        }
    }

    @Override
    public CompletionStage<Long> countRequest(String bucket, long windowStartMs, long windowMs) {
        String key = "rampart:limit:{" + bucket + "}:" + windowStartMs;
        return api.eval(List.of(COUNT, "1", key, Long.toString(2 * windowMs)))
                .map(r -> r.toLong())
                .toCompletionStage();
    }

    @Override
    public CompletionStage<Long> addTokens(String bucket, long windowStartMs, long windowMs, long tokens) {
        String key = "rampart:limit:{" + bucket + "}:tokens:" + windowStartMs;
        return api.eval(List.of(TOKENS, "1", key, Long.toString(tokens), Long.toString(2 * windowMs)))
                .map(r -> r.toLong())
                .toCompletionStage();
    }

    /**
     * The day's total lives at {@code rampart:limit:{bucket}:tokens:day:YYYY-MM-DD} (the UTC day of the caller's
     * clock, so every replica with a correct clock writes the same key) and expires two days after its first charge:
     * long after the day is over, whatever the replicas' clock skew.
     */
    @Override
    public CompletionStage<Long> addDayTokens(String bucket, LocalDate day, long tokens) {
        String key = "rampart:limit:{" + bucket + "}:tokens:day:" + day;
        return api.eval(List.of(TOKENS, "1", key, Long.toString(tokens), Long.toString(DAY_TTL_MS)))
                .map(r -> r.toLong())
                .toCompletionStage();
    }

    @Override
    public CompletionStage<Boolean> acquireSlot(String bucket, String leaseId, int limit, long nowMs, long staleMs) {
        return api.eval(List.of(ACQUIRE, "1", slotsKey(bucket), leaseId, Integer.toString(limit), Long.toString(nowMs),
                        Long.toString(staleMs)))
                .map(r -> r.toInteger() == 1)
                .toCompletionStage();
    }

    @Override
    public CompletionStage<Void> releaseSlot(String bucket, String leaseId) {
        return api.zrem(List.of(slotsKey(bucket), leaseId)).<Void>mapEmpty().toCompletionStage();
    }

    private static String slotsKey(String bucket) {
        return "rampart:limit:{" + bucket + "}:inflight";
    }

    @Override
    public void close() {
        redis.close();
    }
}
