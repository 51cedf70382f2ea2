package dev.rampart.trust.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

/** A password-protected Redis (the HA overlay's): the store authenticates with the configured password. */
class RedisAuthenticationTest {

    @Test
    void should_work_with_the_password_and_be_refused_without_it() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (RedisServerProcess redis = RedisServerProcess.start("s3cret-for-the-test")) {
            RedisTrustStore withPassword = RedisTrustStore.connect(vertx, redis.uri(), "s3cret-for-the-test",
                    Clock.systemUTC());
            RedisTrustStore without = RedisTrustStore.connect(vertx, redis.uri(), Clock.systemUTC());
            try {
                assertThat(withPassword.flushAll().toCompletionStage().toCompletableFuture()
                        .handle((ok, failure) -> failure).join()).isNull();
                Throwable refused = without.flushAll().toCompletionStage().toCompletableFuture()
                        .handle((ok, failure) -> failure).join();
                assertThat(refused).isNotNull();
                assertThat(refused.getMessage()).containsIgnoringCase("NOAUTH");
            } finally {
                withPassword.close();
                without.close();
            }
        } finally {
            vertx.close().await();
        }
    }
}
