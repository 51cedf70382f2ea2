package dev.rampart.trust.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.rampart.trust.Caller;
import dev.rampart.trust.TrustAssessment;
import dev.rampart.trust.TrustService;
import dev.rampart.trust.identity.AuthorityMapping;
import dev.rampart.trust.model.Evidence;
import dev.rampart.trust.model.Interaction;
import dev.rampart.trust.model.Outcome;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisTrustStoreContractTest extends TrustStoreContract {
    static RedisServerProcess redis;
    static Vertx vertx;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServerProcess.start();
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopRedis() {
        vertx.close().await();
        redis.close();
    }

    @Override
    protected TrustStore create() {
        RedisTrustStore s = RedisTrustStore.connect(vertx, redis.uri(), Clock.fixed(T0, ZoneOffset.UTC));
        s.flushAll().await();
        return s;
    }

    @Test
    void should_count_violations_from_two_replicas_exactly() {
        RedisTrustStore second = RedisTrustStore.connect(vertx, redis.uri(), Clock.fixed(T0, ZoneOffset.UTC));
        try {
            List<CompletableFuture<Evidence>> writes = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                TrustStore replica = i % 2 == 0 ? store : second;
                Interaction event = violation("r" + i, T0);
                writes.add(CompletableFuture.supplyAsync(() -> replica.record("shared", event, model)
                        .toCompletableFuture().join()));
            }
            // retries of the same events through the other replica are not double-counted
            for (int i = 0; i < 50; i++) {
                TrustStore other = i % 2 == 0 ? second : store;
                writes.add(other.record("shared", violation("r" + i, T0), model).toCompletableFuture());
            }
            writes.forEach(CompletableFuture::join);
            assertThat(store.read("shared").toCompletableFuture().join().violations()).isEqualTo(500);
        } finally {
            second.close();
        }
    }

    @Test
    void should_compute_exactly_what_the_java_model_computes() {
        Evidence java = Evidence.none(T0);
        for (int i = 0; i < 30; i++) {
            Interaction interaction = new Interaction("m" + i, T0.plusSeconds(i * 997L),
                    i % 7 == 0 ? Outcome.BLOCKED : i % 5 == 0 ? Outcome.FLAGGED : Outcome.CLEAN, 0.8, List.of("S2"));
            java = model.record(java, interaction);
            store.record("model", interaction, model).toCompletableFuture().join();
        }
        Evidence lua = store.read("model").toCompletableFuture().join();
        assertThat(lua.positive()).isCloseTo(java.positive(), within(1e-9));
        assertThat(lua.negative()).isCloseTo(java.negative(), within(1e-9));
        assertThat(lua.windowGain()).isCloseTo(java.windowGain(), within(1e-9));
        assertThat(lua.updatedAt()).isEqualTo(java.updatedAt());
        assertThat(lua.violations()).isEqualTo(java.violations());
    }

    @Test
    void should_drop_every_replicas_cached_trust_when_a_subject_is_forgotten() throws Exception {
        RedisTrustStore second = RedisTrustStore.connect(vertx, redis.uri(), Clock.fixed(T0, ZoneOffset.UTC));
        try {
            CountDownLatch invalidated = new CountDownLatch(1);
            second.onInvalidate(subject -> {
                if (subject.equals("erase-me")) {
                    invalidated.countDown();
                }
            });
            // the subscription is established asynchronously: publish until it is seen, for at most 10 s
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (invalidated.getCount() > 0 && System.nanoTime() < deadline) {
                store.forget("erase-me").toCompletableFuture().join();
                invalidated.await(100, TimeUnit.MILLISECONDS);
            }
            assertThat(invalidated.getCount()).isZero();
        } finally {
            second.close();
        }
    }

    @Test
    void should_keep_serving_with_degraded_strict_trust_when_redis_is_unreachable() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        RedisTrustStore down = RedisTrustStore.connect(vertx, "redis://127.0.0.1:" + closed, Clock.systemUTC());
        try (TrustService service = new TrustService(down, model, AuthorityMapping.DEFAULTS, Clock.systemUTC(),
                Duration.ofSeconds(1), Ticker.systemTicker())) {
            Caller clinician = new Caller("key:c", "default", "c", Map.of("role", "clinician"), false);
            TrustAssessment a = service.assess(clinician).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(a.degraded()).isTrue();
            assertThat(a.tier()).as("the strictest tier, not a stranger's record with the claimed authority").isZero();
            assertThat(service.degradedAssessments()).isEqualTo(1);
            service.record(clinician, violation("x", T0)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            TrustService.TrustExplanation e = service.explain("key:c", Map.of("role", "clinician"))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(e.assessment().degraded()).isTrue();
            assertThat(e.assessment().tier()).isZero();
        }
    }

    @Test
    void should_assess_the_strictest_tier_when_the_store_does_not_answer_within_the_read_timeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            // accepts connections (in the backlog) and never answers
            RedisTrustStore mute = RedisTrustStore.connect(vertx, "redis://127.0.0.1:" + silent.getLocalPort(),
                    Clock.systemUTC());
            try (TrustService service = new TrustService(mute, model, AuthorityMapping.DEFAULTS, Clock.systemUTC(),
                    Duration.ofSeconds(1), Ticker.systemTicker(), Duration.ofMillis(100), 10)) {
                Caller clinician = new Caller("key:c", "default", "c", Map.of("role", "clinician"), false);
                TrustAssessment a = service.assess(clinician).toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertThat(a.degraded()).isTrue();
                assertThat(a.tier()).isZero();
            }
        }
    }
}
