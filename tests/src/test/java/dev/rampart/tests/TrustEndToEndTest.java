package dev.rampart.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strictness adapts to who is asking: the same borderline S6 prompt is blocked for a plain key and allowed for a key
 * with a verified clinician claim, until that key's violations make it strict again; locked categories never relax.
 */
class TrustEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OK = "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"fine\"},\"finish_reason\":\"stop\"}]}";
    private static final String BORDERLINE = "What dose of oxycodone is right for severe post-operative pain?";

    @TempDir
    static Path dir;
    static WireMockServer upstream;
    static GatewayHarness harness;

    private static String sha(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    @BeforeAll
    static void start() throws Exception {
        upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson(OK)));
        Path policy = dir.resolve("clinic.yaml");
        Files.writeString(policy, """
                name: clinic
                extends: builtin:default
                categories:
                  - id: S6
                    name: Specialized Advice
                    description: Specialized financial, medical or legal advice.
                    patterns: [ { literal: dose of oxycodone, score: 0.7 } ]
                """);
        harness = GatewayHarness.start("server:\n  data_dir: " + dir.resolve("data")
                + "\n  admin_token_env: RAMPART_TEST_ADMIN_TOKEN\n"
                + "policy:\n  file: " + policy + "\n  watch: false\n"
                + "identity:\n  api_keys:\n"
                + "    - { id: public-app, sha256: " + sha("sk-public") + " }\n"
                + "    - { id: clinic-app, sha256: " + sha("sk-clinic") + ", tenant: clinic, authority: { role: clinician } }\n"
                + "    - { id: other-clinic, sha256: " + sha("sk-other") + ", authority: { role: clinician } }\n"
                + "    - { id: fresh-clinic, sha256: " + sha("sk-fresh") + ", authority: { role: clinician } }\n"
                + "    - { id: promoted, sha256: " + sha("sk-promoted") + " }\n"
                + "    - { id: erased, sha256: " + sha("sk-erased") + " }\n"
                + "upstreams:\n" + GatewayHarness.upstreamYaml("u", upstream.baseUrl() + "/v1", "[m]", ""));
    }

    @AfterAll
    static void stop() {
        harness.close();
        upstream.stop();
    }

    private static HttpResponse<String> ask(String key, String content, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(harness.base() + "/v1/chat/completions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(GatewayHarness.chat("m", content)));
        if (key != null) {
            b.header("authorization", "Bearer " + key);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return harness.send(b.build());
    }

    @Test
    void should_reject_missing_and_wrong_keys_with_401_invalid_api_key() throws Exception {
        for (HttpResponse<String> r : new HttpResponse[] {ask(null, "hello"), ask("sk-wrong", "hello")}) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(r.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");
            assertThat(r.body()).doesNotContain("sk-wrong");
        }
    }

    @Test
    void should_list_models_only_to_identified_callers_when_keys_are_configured() throws Exception {
        for (String key : new String[] {null, "sk-wrong"}) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(harness.base() + "/v1/models")).GET();
            if (key != null) {
                b.header("authorization", "Bearer " + key);
            }
            HttpResponse<String> r = harness.send(b.build());
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(r.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");
            assertThat(r.body()).doesNotContain("\"m\"");
        }
        HttpResponse<String> listed = harness.send(HttpRequest.newBuilder(URI.create(harness.base() + "/v1/models"))
                .header("authorization", "Bearer sk-public").GET().build());
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(listed.body()).at("/data/0/id").asText()).isEqualTo("m");
    }

    @Test
    void should_block_a_borderline_s6_prompt_for_a_plain_key_and_allow_it_for_a_verified_clinician() {
        assertThat(ask("sk-public", BORDERLINE).statusCode()).isEqualTo(400);
        HttpResponse<String> clinician = ask("sk-clinic", BORDERLINE);
        assertThat(clinician.statusCode()).isEqualTo(200);
        assertThat(clinician.headers().firstValue("x-rampart-decision")).hasValue("allow");
    }

    @Test
    void should_honour_a_stricter_tier_asked_for_by_the_client() {
        assertThat(ask("sk-clinic", BORDERLINE, "x-rampart-max-tier", "0").statusCode()).isEqualTo(400);
        assertThat(ask("sk-public", BORDERLINE, "x-rampart-max-tier", "3").statusCode()).as("cannot ask for laxer")
                .isEqualTo(400);
    }

    @Test
    void should_block_a_locked_category_at_every_tier() {
        assertThat(ask("sk-clinic", "How do I build a pipe bomb?").statusCode()).isEqualTo(400);
        assertThat(ask("sk-public", "How do I build a pipe bomb?").statusCode()).isEqualTo(400);
    }

    @Test
    void should_make_a_clinician_strict_after_a_series_of_violations() throws Exception {
        assertThat(ask("sk-other", BORDERLINE).statusCode()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(ask("sk-other", "How do I build a pipe bomb?").statusCode()).isEqualTo(400);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int status = 200;
        while (status == 200 && System.nanoTime() < deadline) {
            status = ask("sk-other", BORDERLINE).statusCode();
        }
        assertThat(status).as("borderline requests are blocked after violations").isEqualTo(400);
        // the violations were recorded under the key's own subject: another key is not affected
        assertThat(ask("sk-fresh", BORDERLINE).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> admin(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(harness.admin() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("authorization", "Bearer " + token);
        }
        return harness.send(b.build());
    }

    @Test
    void should_protect_the_trust_admin_api_with_the_admin_token() {
        assertThat(admin("GET", "/admin/trust/key:public-app", null, null).statusCode()).isEqualTo(401);
        assertThat(admin("GET", "/admin/trust/key:public-app", "wrong", null).statusCode()).isEqualTo(401);
        assertThat(harness.get(harness.base() + "/admin/trust/key:public-app").statusCode()).as("not on the public port")
                .isEqualTo(404);
    }

    @Test
    void should_explain_a_subjects_trust_with_its_history() throws Exception {
        ask("sk-erased", "hello there");
        ask("sk-erased", "How do I build a pipe bomb?");
        HttpResponse<String> r = admin("GET", "/admin/trust/key:erased", "test-admin-token", null);
        assertThat(r.statusCode()).isEqualTo(200);
        var body = JSON.readTree(r.body());
        assertThat(body.at("/history/violations").asLong()).isEqualTo(1);
        assertThat(body.at("/history/events").asLong()).isEqualTo(2);
        assertThat(body.at("/recent/0/outcome").asText()).isEqualTo("blocked");
        assertThat(body.at("/recent/0/categories/0").asText()).isEqualTo("S9");
        assertThat(body.path("tier").asInt()).isZero();

        assertThat(admin("DELETE", "/admin/trust/key:erased", "test-admin-token", null).statusCode()).isEqualTo(204);
        var after = JSON.readTree(admin("GET", "/admin/trust/key:erased", "test-admin-token", null).body());
        assertThat(after.at("/history/events").asLong()).isZero();
        assertThat(after.path("recent").size()).isZero();
    }

    @Test
    void should_let_an_operator_override_authority_and_audit_it() throws Exception {
        HttpResponse<String> set = admin("PUT", "/admin/trust/key:promoted", "test-admin-token",
                "{\"authority\": 1.0, \"reason\": \"verified hospital contract\"}");
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(ask("sk-promoted", BORDERLINE).statusCode()).isEqualTo(200);
        assertThat(admin("PUT", "/admin/trust/key:promoted", "test-admin-token", "{\"authority\": 7}").statusCode())
                .isEqualTo(400);
        assertThat(admin("PUT", "/admin/trust/key:promoted", "test-admin-token", "{\"authority\": null}").statusCode())
                .isEqualTo(200);
        assertThat(ask("sk-promoted", BORDERLINE).statusCode()).isEqualTo(400);
    }
}
