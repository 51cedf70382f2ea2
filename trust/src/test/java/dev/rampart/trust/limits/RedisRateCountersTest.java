package dev.rampart.trust.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.trust.Caller;
import dev.rampart.trust.store.RedisServerProcess;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two replicas (two Vert.x instances, two clients) sharing one real redis-server hold one limit together. */
class RedisRateCountersTest {
    private static final Caller CALLER = new Caller("key:shared", "t", "shared", Map.of(), false);
    static RedisServerProcess redis;
    static Vertx a;
    static Vertx b;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServerProcess.start();
        a = Vertx.vertx();
        b = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        a.close().await();
        b.close().await();
        redis.close();
    }

    private static LimitsConfig keyLimit(int rps, int concurrent) {
        return LimitsConfig.parse(Map.of("key", Map.of("tier0", Map.of("requests_per_s", rps, "concurrent", concurrent))))
                .config();
    }

    private static long allowed(List<CompletableFuture<Admission>> all) {
        return all.stream().map(CompletableFuture::join).filter(x -> x instanceof Admission.Allowed).count();
    }

    @Test
    void should_allow_exactly_the_limit_per_window_across_two_replicas() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:07Z"), ZoneOffset.UTC);
        RateLimits replicaA = new RateLimits(keyLimit(50, 0), RedisRateCounters.connect(a, redis.uri()), clock);
        RateLimits replicaB = new RateLimits(keyLimit(50, 0), RedisRateCounters.connect(b, redis.uri()), clock);
        List<CompletableFuture<Admission>> all = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            RateLimits replica = i % 2 == 0 ? replicaA : replicaB;
            all.add(replica.admit(CALLER, 0, "w" + i).toCompletableFuture());
        }
        assertThat(allowed(all)).isEqualTo(50);
        assertThat(replicaA.fallbacks() + replicaB.fallbacks()).isZero();
        replicaA.close();
        replicaB.close();
    }

    @Test
    void should_hold_concurrent_requests_across_two_replicas_and_free_slots_on_release() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:01:00Z"), ZoneOffset.UTC);
        RateLimits replicaA = new RateLimits(keyLimit(0, 5), RedisRateCounters.connect(a, redis.uri()), clock);
        RateLimits replicaB = new RateLimits(keyLimit(0, 5), RedisRateCounters.connect(b, redis.uri()), clock);
        Caller caller = new Caller("key:busy", "t", "busy", Map.of(), false);
        List<CompletableFuture<Admission>> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.add((i % 2 == 0 ? replicaA : replicaB).admit(caller, 0, "c" + i).toCompletableFuture());
        }
        assertThat(allowed(all)).isEqualTo(5);
        Admission.Allowed one = (Admission.Allowed) all.stream().map(CompletableFuture::join)
                .filter(x -> x instanceof Admission.Allowed).findFirst().orElseThrow();
        one.release().run();
        long deadline = System.nanoTime() + 5_000_000_000L;
        Admission again = replicaB.admit(caller, 0, "after").toCompletableFuture().join();
        while (again instanceof Admission.Limited && System.nanoTime() < deadline) {
            again = replicaB.admit(caller, 0, "after").toCompletableFuture().join();
        }
        assertThat(again).as("the released slot is free on the other replica").isInstanceOf(Admission.Allowed.class);
        replicaA.close();
        replicaB.close();
    }

    @Test
    void should_share_token_budgets_between_replicas() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:03:00Z"), ZoneOffset.UTC);
        LimitsConfig config = LimitsConfig.parse(Map.of("key", Map.of("tier0", Map.of("tokens_per_min", 100)))).config();
        RateLimits replicaA = new RateLimits(config, RedisRateCounters.connect(a, redis.uri()), clock);
        RedisRateCounters bCounters = RedisRateCounters.connect(b, redis.uri());
        RateLimits replicaB = new RateLimits(config, bCounters, clock);
        Caller caller = new Caller("key:tokens", "t", "tokens", Map.of(), false);
        replicaA.debit(caller, 0, 70);
        replicaB.debit(caller, 0, 40);
        long minute = Instant.parse("2026-01-01T00:03:00Z").toEpochMilli();
        long deadline = System.nanoTime() + 5_000_000_000L;
        long total = 0;
        while (total < 110 && System.nanoTime() < deadline) {
            total = bCounters.addTokens("key:tokens", minute, 60_000, 0).toCompletableFuture().join();
        }
        assertThat(total).isEqualTo(110);
        assertThat(replicaA.admit(caller, 0, "next").toCompletableFuture().join())
                .isInstanceOf(Admission.Limited.class);
        replicaA.close();
        replicaB.close();
    }

    @Test
    void should_share_the_days_token_budget_between_replicas_under_a_key_of_the_utc_day_that_expires() {
        LimitsConfig config = LimitsConfig.parse(Map.of("key", Map.of("tier0", Map.of("tokens_per_day", 1000))))
                .config();
        Clock lateEvening = Clock.fixed(Instant.parse("2026-01-01T23:59:58Z"), ZoneOffset.UTC);
        RateLimits replicaA = new RateLimits(config, RedisRateCounters.connect(a, redis.uri()), lateEvening);
        RateLimits replicaB = new RateLimits(config, RedisRateCounters.connect(b, redis.uri()), lateEvening);
        Caller caller = new Caller("key:daily", "t", "daily", Map.of(), false);
        for (int i = 0; i < 10; i++) {                                  // 20 charges of 50 from two replicas at once
            replicaA.debit(caller, 0, 50);
            replicaB.debit(caller, 0, 50);
        }
        RedisAPI raw = RedisAPI.api(Redis.createClient(a, redis.uri()));
        String key = "rampart:limit:{key:daily}:tokens:day:2026-01-01";
        long deadline = System.nanoTime() + 5_000_000_000L;
        long total = 0;
        while (total < 1000 && System.nanoTime() < deadline) {
            Response r = raw.get(key).await();
            total = r == null ? 0 : r.toLong();
        }
        assertThat(total).as("every charge counted once, atomically").isEqualTo(1000);
        long ttl = raw.pttl(key).await().toLong();
        assertThat(ttl).as("expires after the day is over").isBetween(86_400_000L, RedisRateCounters.DAY_TTL_MS);
        assertThat(replicaB.admit(caller, 0, "today").toCompletableFuture().join())
                .isInstanceOfSatisfying(Admission.Limited.class, lim -> {
                    assertThat(lim.kind()).isEqualTo("tokens_per_day");
                    assertThat(lim.retryAfterMs()).isEqualTo(2000);
                });
        RateLimits tomorrow = new RateLimits(config, RedisRateCounters.connect(b, redis.uri()),
                Clock.fixed(Instant.parse("2026-01-02T00:00:00Z"), ZoneOffset.UTC));
        assertThat(tomorrow.admit(caller, 0, "tomorrow").toCompletableFuture().join())
                .isInstanceOf(Admission.Allowed.class);
        assertThat(replicaA.fallbacks() + replicaB.fallbacks() + tomorrow.fallbacks()).isZero();
        raw.close();
        replicaA.close();
        replicaB.close();
        tomorrow.close();
    }

    @Test
    void should_fall_back_to_the_replicas_own_counters_when_redis_is_unreachable() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        RateLimits down = new RateLimits(keyLimit(3, 0), RedisRateCounters.connect(a, "redis://127.0.0.1:" + closed),
                Clock.fixed(Instant.parse("2026-01-01T00:02:00Z"), ZoneOffset.UTC));
        List<CompletableFuture<Admission>> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(down.admit(CALLER, 0, "d" + i).toCompletableFuture());
        }
        assertThat(allowed(all)).as("the limit holds on this replica").isEqualTo(3);
        assertThat(down.fallbacks()).isEqualTo(10);
        down.close();
    }
}
