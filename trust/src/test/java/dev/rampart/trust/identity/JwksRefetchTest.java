package dev.rampart.trust.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A key rotation at the issuer is picked up on the first token with an unknown kid, at a bounded rate. */
class JwksRefetchTest {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    Vertx vertx;
    HttpServer idp;
    final AtomicReference<JsonArray> published = new AtomicReference<>(new JsonArray());
    final AtomicInteger fetches = new AtomicInteger();
    final MutableClock clock = new MutableClock(Instant.now());
    String issuer;

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        idp = vertx.createHttpServer().requestHandler(req -> {
            fetches.incrementAndGet();
            req.response().putHeader("content-type", "application/json")
                    .end(new JsonObject().put("keys", published.get()).encode());
        }).listen(0, "127.0.0.1").await();
        issuer = "http://127.0.0.1:" + idp.actualPort();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        return gen.generateKeyPair();
    }

    private static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private static JsonObject jwk(KeyPair keys, String kid) {
        RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
        return new JsonObject().put("kty", "RSA").put("alg", "RS256").put("use", "sig").put("kid", kid)
                .put("n", B64.encodeToString(unsigned(pub.getModulus())))
                .put("e", B64.encodeToString(unsigned(pub.getPublicExponent())));
    }

    private String token(KeyPair keys, String kid) throws Exception {
        long now = Instant.now().getEpochSecond();
        JsonObject claims = new JsonObject().put("iss", issuer).put("aud", "rampart").put("sub", "dr-who")
                .put("iat", now).put("exp", now + 600);
        String input = B64.encodeToString(new JsonObject().put("alg", "RS256").put("typ", "JWT").put("kid", kid)
                .encode().getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(keys.getPrivate());
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64.encodeToString(s.sign());
    }

    /** Waits for a result on the test thread through a completion stage, bounded so a lost reply fails the test. */
    private static AuthResult result(io.vertx.core.Future<AuthResult> pending) throws Exception {
        return pending.toCompletionStage().toCompletableFuture().get(20, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void should_refetch_the_jwks_once_per_interval_when_a_token_names_an_unknown_kid() throws Exception {
        KeyPair old = rsa();
        KeyPair rotated = rsa();
        published.set(new JsonArray().add(jwk(old, "old")));
        JwtAuthenticator jwt = JwtAuthenticator.start(vertx, List.of(new JwtIssuer(issuer, "rampart", null,
                issuer + "/jwks.json", 30, "sub", null, List.of(), 3600, 86_400, 30)), clock).await();
        assertThat(fetches.get()).isEqualTo(1);
        assertThat(result(jwt.authenticate(token(old, "old"), null))).isInstanceOf(AuthResult.Authenticated.class);
        assertThat(fetches.get()).as("a known kid fetches nothing").isEqualTo(1);

        published.set(new JsonArray().add(jwk(old, "old")).add(jwk(rotated, "new")));
        assertThat(result(jwt.authenticate(token(rotated, "new"), null))).isInstanceOf(AuthResult.Authenticated.class);
        assertThat(fetches.get()).isEqualTo(2);

        for (int i = 0; i < 5; i++) {
            assertThat(result(jwt.authenticate(token(rotated, "forged-" + i), null)))
                    .isInstanceOf(AuthResult.Rejected.class);
        }
        assertThat(fetches.get()).as("unknown kids refetch at most once per interval").isEqualTo(2);
        clock.advance(Duration.ofSeconds(31));
        result(jwt.authenticate(token(rotated, "forged-again"), null));
        result(jwt.authenticate(token(rotated, "forged-more"), null));
        assertThat(fetches.get()).isEqualTo(3);
    }
}
