package dev.rampart.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.classifier.cascade.CascadeSettings;
import dev.rampart.classifier.llamaguard.LlamaGuardConfig;
import dev.rampart.classifier.remote.OpenAiModerationConfig;
import dev.rampart.classifier.remote.RemoteGuardConfig;
import dev.rampart.config.ConfigProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    @Test
    void should_apply_defaults_from_one_place_when_the_file_is_empty() {
        ConfigLoader.Result r = ConfigLoader.parse("t.yaml", "{}", ConfigLoader.Overrides.NONE);
        assertThat(r.problems()).isEmpty();
        assertThat(r.config().server().port()).isEqualTo(GatewayConfig.Server.DEFAULT_PORT);
        assertThat(r.config().server().adminHost()).isEqualTo("127.0.0.1");
        assertThat(r.config().server().maxBodyBytes()).isEqualTo(GatewayConfig.Server.DEFAULT_MAX_BODY_BYTES);
        assertThat(r.config().policy().file()).isEqualTo("builtin:default");
        assertThat(r.config().upstreams()).isEmpty();
        assertThat(r.config().classifiers().maxClassifiedChars()).isEqualTo(200_000);
    }

    @Test
    void should_report_every_problem_with_its_path_and_a_suggestion() {
        String yaml = """
                server:
                  port: 70000
                  max_body_byte: 10
                upstreams:
                  - name: a
                    base_url: ftp://x
                    models: [m]
                    retry: { max_attempts: 0 }
                    fallback: bb
                  - name: b
                    models: []
                    discover_models: false
                """;
        ConfigLoader.Result r = ConfigLoader.parse("gw.yaml", yaml, ConfigLoader.Overrides.NONE);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).extracting(ConfigProblem::toString).contains(
                "gw.yaml:2: server.port: must be between 0 and 65535, but was 70000",
                "gw.yaml:3: server.max_body_byte: unknown key (did you mean 'max_body_bytes'?)",
                "gw.yaml:6: upstreams[0].base_url: must be an absolute http(s) URL, but was 'ftp://x'",
                "gw.yaml:8: upstreams[0].retry.max_attempts: must be between 1 and 10, but was 0",
                "gw.yaml:10: upstreams[1].base_url: is required",
                "gw.yaml:11: upstreams[1].models: must list at least one model (or '*'), or set discover_models: true",
                "gw.yaml:9: upstreams[0].fallback: must name another upstream, but was 'bb' (did you mean 'b'?)");
    }

    @Test
    void should_accept_only_openai_organization_and_project_in_forward_client_headers_in_any_case() {
        String yaml = """
                upstreams:
                  - name: a
                    base_url: http://127.0.0.1:1/v1
                    models: [m]
                    forward_client_headers: [OpenAI-Organization, openai-project]
                  - name: b
                    base_url: http://127.0.0.1:1/v1
                    models: [m]
                    forward_client_headers: [openai-projekt, authorization, OPENAI-PROJECT, openai-project]
                """;
        ConfigLoader.Result r = ConfigLoader.parse("gw.yaml", yaml, ConfigLoader.Overrides.NONE);
        assertThat(r.problems()).extracting(ConfigProblem::toString).containsExactly(
                "gw.yaml:9: upstreams[1].forward_client_headers[0]: must be one of openai-organization, openai-project,"
                        + " but was 'openai-projekt' (did you mean 'openai-project'?)",
                "gw.yaml:9: upstreams[1].forward_client_headers[1]: must be one of openai-organization, openai-project,"
                        + " but was 'authorization'",
                "gw.yaml:9: upstreams[1].forward_client_headers[3]: names 'openai-project' twice");
        ConfigLoader.Result ok = ConfigLoader.parse("gw.yaml", yaml.substring(0, yaml.indexOf("  - name: b")),
                ConfigLoader.Overrides.NONE);
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.config().upstreams().get(0).forwardClientHeaders())
                .containsExactly("openai-organization", "openai-project");
    }

    @Test
    void should_read_allowed_hosts_lower_cased_and_report_one_with_a_port_by_its_index() {
        ConfigLoader.Result ok = ConfigLoader.parse("gw.yaml", "server:\n  allowed_hosts: [Gateway.Example, 10.0.0.7]\n",
                ConfigLoader.Overrides.NONE);
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.config().server().allowedHosts()).containsExactly("gateway.example", "10.0.0.7");
        assertThat(ok.config().server().maxHeaders()).isEqualTo(GatewayConfig.Server.DEFAULT_MAX_HEADERS);
        ConfigLoader.Result bad = ConfigLoader.parse("gw.yaml", "server:\n  allowed_hosts: [a.example, 'b.example:8080']\n",
                ConfigLoader.Overrides.NONE);
        assertThat(bad.problems()).extracting(ConfigProblem::toString).anySatisfy(p -> assertThat(p)
                .contains("server.allowed_hosts[1]: must be a host name or address without a port, but was 'b.example:8080'"));
    }

    @Test
    void should_reject_duplicate_yaml_keys() {
        ConfigLoader.Result r = ConfigLoader.parse("gw.yaml", "server:\n  port: 1\n  port: 2\n",
                ConfigLoader.Overrides.NONE);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).extracting(ConfigProblem::toString)
                .containsExactly("gw.yaml:3: server.port: duplicate key 'port'");
    }

    @Test
    void should_let_flags_override_the_file() {
        ConfigLoader.Result r = ConfigLoader.parse("gw.yaml", "server:\n  port: 1234\n",
                new ConfigLoader.Overrides("http://127.0.0.1:9/v1/", "p.yaml", 0, 0, "/tmp/d"));
        assertThat(r.config().server().port()).isZero();
        assertThat(r.config().policy().file()).isEqualTo("p.yaml");
        assertThat(r.config().upstreams()).singleElement().satisfies(u -> {
            assertThat(u.baseUrl()).isEqualTo("http://127.0.0.1:9/v1");
            assertThat(u.discoverModels()).isTrue();
        });
    }

    @Test
    void should_read_policy_bindings_and_reject_ambiguous_ones() {
        ConfigLoader.Result ok = ConfigLoader.parse("gw.yaml", """
                policy:
                  bindings:
                    - { model: gpt-mini, file: strict.yaml }
                    - { tenant: clinic, file: clinic.yaml }
                """, ConfigLoader.Overrides.NONE);
        assertThat(ok.config().policy().bindings()).extracting(b -> b.scope() + "=" + b.match() + "->" + b.source())
                .containsExactly("MODEL=gpt-mini->strict.yaml", "TENANT=clinic->clinic.yaml");
        ConfigLoader.Result bad = ConfigLoader.parse("gw.yaml", """
                policy:
                  bindings:
                    - { model: a, tenant: b, file: x.yaml }
                    - { modle: a, file: x.yaml }
                """, ConfigLoader.Overrides.NONE);
        assertThat(bad.problems()).extracting(ConfigProblem::toString).contains(
                "gw.yaml:3: policy.bindings[0].key: each binding names exactly one of key, tenant, model, but this one names 2",
                "gw.yaml:4: policy.bindings[1].modle: unknown key (did you mean 'model'?)");
    }

    @Test
    void should_run_the_embedded_model_by_default_and_read_the_classifier_sections() {
        ConfigLoader.Result r = ConfigLoader.parse("t.yaml", """
                classifiers:
                  cache: { max_entries: 500, ttl_ms: 1000 }
                  remote:
                    - { type: llama_guard, name: lg, base_url: "http://127.0.0.1:8000/v1", model: meta-llama/Llama-Guard-3-1B, variant: 1b }
                  reward:
                    - { type: nvidia, name: nemotron, url: "http://127.0.0.1:8001/v1/chat/completions", model: nvidia/nemotron-4-340b-reward }
                """, ConfigLoader.Overrides.NONE);
        assertThat(r.problems()).isEmpty();
        GatewayConfig.Classifiers c = r.config().classifiers();
        assertThat(c.embedded()).isTrue();
        assertThat(c.cacheEntries()).isEqualTo(500);
        assertThat(c.remote()).singleElement().satisfies(lg -> assertThat(lg.name()).isEqualTo("lg"));
        assertThat(c.reward()).singleElement().satisfies(rw -> assertThat(rw.name()).isEqualTo("nemotron"));
    }

    @Test
    void should_report_problems_of_every_classifier_section_with_their_paths() {
        ConfigLoader.Result r = ConfigLoader.parse("t.yaml", """
                classifiers:
                  embeded: true
                  remote:
                    - { type: llama_guard, base_url: "ftp://x", model: m, variant: 3b }
                    - { type: mystery }
                  reward:
                    - { type: nvidia, name: a, url: "http://127.0.0.1:1/v1/chat/completions", model: m }
                    - { type: nvidia, name: a, url: "http://127.0.0.1:1/v1/chat/completions", model: m }
                    - { type: telepathy, url: "http://127.0.0.1:1/x" }
                  models:
                    - { type: onnx_sequence, name: pg }
                """, ConfigLoader.Overrides.NONE);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).extracting(ConfigProblem::toString)
                .anyMatch(p -> p.contains("classifiers.embeded: unknown key (did you mean 'embedded'?)"))
                .anyMatch(p -> p.contains("classifiers.remote[0]") && p.contains("variant"))
                .anyMatch(p -> p.contains("classifiers.remote[1].type"))
                .anyMatch(p -> p.contains("classifiers.reward[1].name: a second scorer named 'a'"))
                .anyMatch(p -> p.contains("classifiers.reward[2]"))
                .anyMatch(p -> p.contains("classifiers.models[0]"));
    }

    @Test
    void should_read_openai_moderation_and_http_remote_classifiers_and_refuse_a_second_of_one_name() {
        ConfigLoader.Result r = ConfigLoader.parse("t.yaml", """
                classifiers:
                  remote:
                    - { type: llama_guard, name: lg, base_url: "http://127.0.0.1:8000/v1", model: m }
                    - { type: openai_moderation, base_url: "http://127.0.0.1:8001/v1", categories: { S10: [hate] } }
                    - { type: http, name: jg, url: "http://127.0.0.1:8002/x", request_template: '{"t": "${text}"}', scores: { S1: /v } }
                """, ConfigLoader.Overrides.NONE);
        assertThat(r.problems()).isEmpty();
        GatewayConfig.Classifiers c = r.config().classifiers();
        assertThat(c.remote()).extracting(LlamaGuardConfig::name).containsExactly("lg");
        assertThat(c.guards()).extracting(RemoteGuardConfig::name).containsExactly("openai-moderation", "jg");
        assertThat(c.guards().get(0)).isInstanceOfSatisfying(OpenAiModerationConfig.class,
                m -> assertThat(m.categories()).containsExactly(Map.entry("S10", List.of("hate"))));
        ConfigLoader.Result twins = ConfigLoader.parse("t.yaml", """
                classifiers:
                  remote:
                    - { type: llama_guard, name: guard, base_url: "http://127.0.0.1:8000/v1", model: m }
                    - type: http
                      name: guard
                      url: "http://127.0.0.1:8002/x"
                      request_template: { t: "${text}" }
                      scores: { S1: v }
                """, ConfigLoader.Overrides.NONE);
        assertThat(twins.problems()).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo("classifiers.remote[1].scores.S1");
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.message()).contains("must be a JSON pointer starting with '/'");
        });
        ConfigLoader.Result named = ConfigLoader.parse("t.yaml", """
                classifiers:
                  remote:
                    - { type: llama_guard, name: guard, base_url: "http://127.0.0.1:8000/v1", model: m }
                    - { type: openai_moderation, name: guard, base_url: "http://127.0.0.1:8001/v1" }
                """, ConfigLoader.Overrides.NONE);
        assertThat(named.problems()).extracting(ConfigProblem::toString)
                .anyMatch(p -> p.contains("classifiers.remote[1].name: a second remote classifier named 'guard'"));
    }

    @Test
    void should_read_a_cascade_of_the_embedded_model_and_a_remote_classifier_with_the_settings_defaults() {
        ConfigLoader.Result r = ConfigLoader.parse("t.yaml", """
                classifiers:
                  remote:
                    - { type: llama_guard, name: lg, base_url: "http://127.0.0.1:8000/v1", model: m }
                  cascade:
                    second: lg
                """, ConfigLoader.Overrides.NONE);
        assertThat(r.problems()).isEmpty();
        GatewayConfig.Cascade c = r.config().classifiers().cascade().orElseThrow();
        assertThat(c.first()).isEqualTo("embedded");
        assertThat(c.second()).isEqualTo("lg");
        assertThat(c.settings()).isEqualTo(CascadeSettings.DEFAULTS);
        ConfigLoader.Result tuned = ConfigLoader.parse("t.yaml", """
                classifiers:
                  remote:
                    - { type: http, name: jg, url: "http://127.0.0.1:8002/x", request_template: '{"t": "${text}"}', scores: { S1: /v } }
                  cascade: { first: embedded, second: jg, name: two-step, pass_below: 0.1, decide_at: 0.95, on_second_error: first_stage }
                """, ConfigLoader.Overrides.NONE);
        assertThat(tuned.problems()).isEmpty();
        assertThat(tuned.config().classifiers().cascade()).contains(new GatewayConfig.Cascade("embedded", "jg",
                new CascadeSettings("two-step", 0.1, 0.95, CascadeSettings.OnSecondError.FIRST_STAGE)));
        assertThat(ConfigLoader.defaults().config().classifiers().cascade()).isEmpty();
    }

    @Test
    void should_report_cascade_problems_with_their_paths_and_a_suggestion_for_a_mistyped_second_stage() {
        ConfigLoader.Result r = ConfigLoader.parse("t.yaml", """
                classifiers:
                  remote:
                    - { type: llama_guard, name: llama-guard, base_url: "http://127.0.0.1:8000/v1", model: m }
                  cascade:
                    first: pattern
                    second: llama-gaurd
                    pass_below: 0.9
                    decide_at: 0.5
                    on_second_error: shrug
                    colour: red
                """, ConfigLoader.Overrides.NONE);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).extracting(ConfigProblem::toString)
                .anyMatch(p -> p.contains("classifiers.cascade.first: must be embedded"))
                .anyMatch(p -> p.contains("classifiers.cascade.second: must name a classifiers.remote entry, but was"
                        + " 'llama-gaurd' (did you mean 'llama-guard'?)"))
                .anyMatch(p -> p.contains("classifiers.cascade.on_second_error: must be error or first_stage"))
                .anyMatch(p -> p.contains("classifiers.cascade.colour: unknown key"));
        assertThat(r.problems()).filteredOn(p -> p.path().equals("classifiers.cascade.second"))
                .singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(6));
        ConfigLoader.Result band = ConfigLoader.parse("t.yaml", """
                classifiers:
                  remote:
                    - { type: llama_guard, name: lg, base_url: "http://127.0.0.1:8000/v1", model: m }
                  cascade: { second: lg, pass_below: 0.9, decide_at: 0.5 }
                """, ConfigLoader.Overrides.NONE);
        assertThat(band.problems()).extracting(ConfigProblem::toString)
                .anyMatch(p -> p.contains("classifiers.cascade: decide_at (0.5) must not be below pass_below (0.9)"));
        ConfigLoader.Result noEmbedded = ConfigLoader.parse("t.yaml", """
                classifiers:
                  embedded: false
                  cascade: { name: lg }
                """, ConfigLoader.Overrides.NONE);
        assertThat(noEmbedded.problems()).extracting(ConfigProblem::toString)
                .anyMatch(p -> p.contains("classifiers.cascade.first: names the embedded model, but classifiers.embedded is false"))
                .anyMatch(p -> p.contains("classifiers.cascade.second: is required"));
    }

    @Test
    void should_report_a_classifier_sections_problems_at_the_line_of_the_key_they_name() {
        ConfigLoader.Result r = ConfigLoader.parse("t.yaml", """
                classifiers:
                  remote:
                    - type: llama_guard
                      base_url: "http://127.0.0.1:8000/v1"
                      model: m
                      colour: red
                """, ConfigLoader.Overrides.NONE);
        assertThat(r.problems()).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo("classifiers.remote[0].colour");
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.message()).contains("unknown key");
        });
    }

    @Test
    void should_report_invalid_yaml_and_a_root_that_is_not_a_mapping_without_throwing() {
        ConfigLoader.Result broken = ConfigLoader.parse("gw.yaml", "server:\n  port: [1,\n", ConfigLoader.Overrides.NONE);
        assertThat(broken.ok()).isFalse();
        assertThat(broken.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).startsWith("is not valid YAML");
            assertThat(p.line()).isPositive();
        });
        ConfigLoader.Result list = ConfigLoader.parse("gw.yaml", "- a\n- b\n", ConfigLoader.Overrides.NONE);
        assertThat(list.problems()).extracting(ConfigProblem::toString)
                .containsExactly("gw.yaml:1: must be a mapping, but was a list");
    }

    @Test
    void should_report_a_missing_file_as_a_problem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        ConfigLoader.Result r = ConfigLoader.load(dir.resolve("nope.yaml"), ConfigLoader.Overrides.NONE);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.message()).startsWith("cannot read"));
    }
}
