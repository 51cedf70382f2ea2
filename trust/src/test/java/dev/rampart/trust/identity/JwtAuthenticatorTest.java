package dev.rampart.trust.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JWT verification against an issuer's JWKS, with keys made by the test. */
class JwtAuthenticatorTest {
    private static final String ISS = "https://idp.test";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    static Vertx vertx;
    static KeyPair keys;
    static JwtAuthenticator jwt;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        keys = gen.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
        JsonObject jwk = new JsonObject().put("kty", "RSA").put("alg", "RS256").put("use", "sig").put("kid", "k1")
                .put("n", B64.encodeToString(unsigned(pub.getModulus())))
                .put("e", B64.encodeToString(unsigned(pub.getPublicExponent())));
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JsonObject().put("keys", new JsonArray().add(jwk)).encode());
        jwt = JwtAuthenticator.start(vertx, List.of(new JwtIssuer(ISS, "rampart", jwks.toString(), null, 30, "sub",
                "tenant", List.of("role", "verified"), 300))).await();
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    private static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private static String part(JsonObject o) {
        return B64.encodeToString(o.encode().getBytes(StandardCharsets.UTF_8));
    }

    static String rs256(JsonObject claims) throws Exception {
        String signingInput = part(new JsonObject().put("alg", "RS256").put("typ", "JWT").put("kid", "k1")) + "."
                + part(claims);
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(keys.getPrivate());
        s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64.encodeToString(s.sign());
    }

    private static JsonObject claims() {
        long now = Instant.now().getEpochSecond();
        return new JsonObject().put("iss", ISS).put("aud", "rampart").put("sub", "dr-who").put("tenant", "clinic")
                .put("role", "clinician").put("iat", now).put("exp", now + 600);
    }

    private static AuthResult verify(String token) {
        return jwt.authenticate(token, null).await();
    }

    @Test
    void should_accept_a_valid_token_and_map_its_claims() throws Exception {
        AuthResult r = verify(rs256(claims()));
        assertThat(r).isInstanceOfSatisfying(AuthResult.Authenticated.class, a -> {
            assertThat(a.caller().subject()).isEqualTo("jwt:" + ISS + ":dr-who");
            assertThat(a.caller().tenant()).isEqualTo("clinic");
            assertThat(a.caller().authority()).containsEntry("role", "clinician").doesNotContainKey("iat");
        });
    }

    @Test
    void should_reject_expired_not_yet_valid_wrong_issuer_and_wrong_audience_tokens() throws Exception {
        long now = Instant.now().getEpochSecond();
        assertThat(verify(rs256(claims().put("exp", now - 120)))).isInstanceOf(AuthResult.Rejected.class);
        assertThat(verify(rs256(claims().put("nbf", now + 600)))).isInstanceOf(AuthResult.Rejected.class);
        assertThat(verify(rs256(claims().put("iss", "https://evil.test")))).isInstanceOf(AuthResult.Rejected.class);
        assertThat(verify(rs256(claims().put("aud", "someone-else")))).isInstanceOf(AuthResult.Rejected.class);
    }

    @Test
    void should_accept_exp_within_the_leeway() throws Exception {
        assertThat(verify(rs256(claims().put("exp", Instant.now().getEpochSecond() - 5))))
                .isInstanceOf(AuthResult.Authenticated.class);
    }

    @Test
    void should_reject_alg_none() {
        String token = part(new JsonObject().put("alg", "none").put("typ", "JWT")) + "." + part(claims()) + ".";
        assertThat(verify(token)).isInstanceOf(AuthResult.Rejected.class);
    }

    @Test
    void should_reject_hs256_signed_with_the_public_key_as_secret() throws Exception {
        String signingInput = part(new JsonObject().put("alg", "HS256").put("typ", "JWT").put("kid", "k1")) + "."
                + part(claims());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(keys.getPublic().getEncoded(), "HmacSHA256"));
        String token = signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        assertThat(verify(token)).isInstanceOf(AuthResult.Rejected.class);
    }

    @Test
    void should_reject_a_tampered_payload() throws Exception {
        String[] parts = rs256(claims()).split("\\.");
        String forged = parts[0] + "." + part(claims().put("role", "admin").put("sub", "mallory")) + "." + parts[2];
        assertThat(verify(forged)).isInstanceOf(AuthResult.Rejected.class);
    }

    @Test
    void should_reject_a_token_without_exp() throws Exception {
        JsonObject c = claims();
        c.remove("exp");
        assertThat(verify(rs256(c))).isInstanceOfSatisfying(AuthResult.Rejected.class,
                r -> assertThat(r.message()).contains("exp"));
    }

    @Test
    void should_reject_a_token_living_longer_than_the_maximum_lifetime() throws Exception {
        long now = Instant.now().getEpochSecond();
        assertThat(verify(rs256(claims().put("exp", now + 86_400 * 365)))).isInstanceOf(AuthResult.Rejected.class);
        assertThat(verify(rs256(claims().put("iat", now - 86_400 * 10).put("exp", now + 600))))
                .as("issued ten days before it expires").isInstanceOf(AuthResult.Rejected.class);
        assertThat(verify(rs256(claims().put("exp", now + 3600)))).isInstanceOf(AuthResult.Authenticated.class);
    }
}
