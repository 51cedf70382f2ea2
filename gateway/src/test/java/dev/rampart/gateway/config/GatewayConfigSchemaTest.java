package dev.rampart.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.classifier.llamaguard.LlamaGuardConfig;
import dev.rampart.classifier.onnx.SequenceClassifierConfig;
import dev.rampart.classifier.reward.OnnxRewardScorer;
import dev.rampart.classifier.reward.RewardConfig;
import dev.rampart.config.ConfigProblem;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * {@code conf/gateway.schema.json} (what editors complete), the reader ({@link ConfigLoader}, {@code TrustConfig}),
 * the records' defaults and the README's configuration table agree; the shipped configurations validate against it.
 */
class GatewayConfigSchemaTest {
    private static final Path ROOT = Path.of("..");
    private static final Path SCHEMA = ROOT.resolve("conf/gateway.schema.json");
    private static final Path README = ROOT.resolve("README.md");
    private static final String BEGIN = "<!-- BEGIN gateway-config-table: generated from conf/gateway.schema.json"
            + " by GatewayConfigSchemaTest -->";
    private static final String END = "<!-- END gateway-config-table -->";
    private static final String REGENERATE = "./mvnw -B -ntp -o -q -pl gateway -am test -Dtest=GatewayConfigSchemaTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Drampart.regenerate=true";

    private static JsonObject schema() throws Exception {
        return new JsonObject(Files.readString(SCHEMA, StandardCharsets.UTF_8));
    }

    private static OutputUnit validate(String yaml) throws Exception {
        Object tree = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        Object json = Json.decodeValue(Json.encode(tree == null ? Map.of() : tree));
        Validator validator = Validator.create(JsonSchema.of(schema()), new JsonSchemaOptions()
                .setDraft(Draft.DRAFT202012).setBaseUri("https://rampart.dev").setOutputFormat(OutputFormat.Basic));
        return validator.validate(json);
    }

    private static List<String> errors(OutputUnit result) {
        return result.getErrors() == null ? List.of()
                : result.getErrors().stream().map(e -> e.getInstanceLocation() + " " + e.getError()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"conf/gateway.yaml", "k8s/base/gateway.yaml", "k8s/overlays/ha/gateway.yaml"})
    void should_validate_the_shipped_configurations_against_the_schema_and_the_reader(String file) throws Exception {
        String yaml = Files.readString(ROOT.resolve(file), StandardCharsets.UTF_8);
        OutputUnit result = validate(yaml);
        assertThat(errors(result)).isEmpty();
        assertThat(result.getValid()).isTrue();
        assertThat(ConfigLoader.parse(file, yaml, ConfigLoader.Overrides.NONE).problems()).isEmpty();
    }

    @Test
    void should_accept_every_remote_classifier_type_in_the_schema_and_the_reader() throws Exception {
        String yaml = """
                upstreams:
                  - { name: a, base_url: "http://127.0.0.1:1/v1", models: [m] }
                classifiers:
                  remote:
                    - { type: llama_guard, base_url: "http://127.0.0.1:2/v1", model: lg }
                    - type: openai_moderation
                      base_url: "http://127.0.0.1:3/v1"
                      categories: { S10: [hate, harassment] }
                    - type: http
                      name: json-guard
                      url: "http://127.0.0.1:4/check"
                      request_template: { input: "${text}" }
                      scores: { S1: /violence }
                      header_env: { X-Api-Key: GUARD_KEY }
                """;
        OutputUnit result = validate(yaml);
        assertThat(errors(result)).isEmpty();
        assertThat(ConfigLoader.parse("gw.yaml", yaml, ConfigLoader.Overrides.NONE).problems()).isEmpty();
        String bad = """
                upstreams:
                  - { name: a, base_url: "http://127.0.0.1:1/v1", models: [m] }
                classifiers:
                  remote:
                    - { type: openai_moderation, name: twin, base_url: "http://127.0.0.1:3/v1" }
                    - { type: http, name: twin, url: "http://127.0.0.1:4/check", request_template: "{}", scores: {} }
                    - { type: bedrock }
                """;
        assertThat(validate(bad).getValid()).isFalse();
        assertThat(ConfigLoader.parse("gw.yaml", bad, ConfigLoader.Overrides.NONE).problems())
                .extracting(ConfigProblem::path)
                .contains("classifiers.remote[1].request_template", "classifiers.remote[2].type");
    }

    @Test
    void should_reject_what_the_reader_rejects() throws Exception {
        String yaml = """
                server:
                  port: 70000
                  admin_prot: 1
                policy:
                  bindings:
                    - { model: a, tenant: b, file: x.yaml }
                upstreams:
                  - { name: a, models: [m] }
                """;
        OutputUnit result = validate(yaml);
        assertThat(result.getValid()).isFalse();
        assertThat(errors(result)).anyMatch(e -> e.startsWith("#/server/port 70000 is greater than 65535"))
                .anyMatch(e -> e.startsWith("#/server/admin_prot "))
                .anyMatch(e -> e.startsWith("#/policy/bindings/0 Instance does not match exactly one subschema"))
                .anyMatch(e -> e.startsWith("#/upstreams/0 Instance does not have required property \"base_url\""));
        assertThat(ConfigLoader.parse("gw.yaml", yaml, ConfigLoader.Overrides.NONE).problems())
                .extracting(ConfigProblem::path)
                .contains("server.port", "server.admin_prot", "policy.bindings[0].key", "upstreams[0].base_url");
    }

    @Test
    void should_name_exactly_the_keys_the_reader_accepts() throws Exception {
        JsonObject schema = schema();
        Map<String, Set<String>> inSchema = new LinkedHashMap<>();
        sections(schema, "", inSchema);
        Map<String, Set<String>> inReader = new LinkedHashMap<>();
        ConfigLoader.keysBySection().forEach((path, keys) -> inReader.put(path, new TreeSet<>(keys)));
        assertThat(inSchema).isEqualTo(inReader);
        JsonObject defs = schema.getJsonObject("$defs");
        assertThat(keys(defs.getJsonObject("onnx_sequence"))).isEqualTo(new TreeSet<>(SequenceClassifierConfig.KEYS));
        Set<String> reward = new TreeSet<>(RewardConfig.KEYS);
        reward.addAll(OnnxRewardScorer.Config.KEYS);
        assertThat(keys(defs.getJsonObject("reward_scorer"))).isEqualTo(reward);
        assertThat(keys(defs.getJsonObject("openai_moderation")))
                .isEqualTo(new TreeSet<>(dev.rampart.classifier.remote.OpenAiModerationConfig.KEYS));
        assertThat(keys(defs.getJsonObject("http_guard")))
                .isEqualTo(new TreeSet<>(dev.rampart.classifier.remote.HttpGuardConfig.KEYS));
        for (String key : keys(defs.getJsonObject("llama_guard"))) {
            assertThat(unknownKeyProblems(key)).as("llama_guard key %s", key).isEmpty();
        }
        assertThat(unknownKeyProblems("colour")).isNotEmpty();
    }

    /** The problems LlamaGuardConfig reports about {@code key} being unknown, when it is given a placeholder value. */
    private static List<String> unknownKeyProblems(String key) {
        Map<String, Object> yaml = new LinkedHashMap<>(Map.of("base_url", "http://127.0.0.1:1/v1", "model", "m"));
        yaml.putIfAbsent(key, "x");
        try {
            LlamaGuardConfig.parse(yaml, "r");
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage().split("\n")).stream()
                    .filter(p -> p.startsWith("r." + key + ":") && p.contains("unknown key")).toList();
        }
    }

    @Test
    void should_state_the_defaults_the_records_hold() throws Exception {
        JsonObject schema = schema();
        Map<String, Object> document = defaults(schema);
        Map<String, Object> upstream = new LinkedHashMap<>(Map.of("name", "u", "base_url", "http://127.0.0.1:1/v1",
                "models", List.of("m")));
        Map<String, Object> upstreamDefaults = defaults(schema.getJsonObject("properties").getJsonObject("upstreams")
                .getJsonObject("items"));
        assertThat(upstreamDefaults).isNotEmpty();
        upstreamDefaults.putAll(upstream);
        document.put("upstreams", List.of(upstreamDefaults));
        ConfigLoader.Result fromSchema = ConfigLoader.parse("schema-defaults.yaml", Json.encode(document),
                ConfigLoader.Overrides.NONE);
        ConfigLoader.Result fromRecords = ConfigLoader.parse("empty.yaml", Json.encode(Map.of("upstreams",
                List.of(upstream))), ConfigLoader.Overrides.NONE);
        assertThat(fromSchema.problems()).isEmpty();
        assertSameValues(fromSchema.config(), fromRecords.config(), "config");
    }

    /** Minimal valid items of the lists whose item keys the schema describes. */
    private static final Map<String, Map<String, Object>> MINIMAL_ITEMS = Map.of(
            "upstreams", Map.of("name", "u", "base_url", "http://127.0.0.1:1/v1", "models", List.of("m")),
            "policy.bindings", Map.of("model", "m", "file", "p.yaml"),
            "identity.api_keys", Map.of("id", "k", "sha256", "0".repeat(64)),
            "identity.jwt", Map.of("issuer", "https://idp.example", "audience", "a", "jwks_file", "jwks.json"));

    @Test
    void should_state_the_ranges_the_reader_enforces() throws Exception {
        List<String> checked = new ArrayList<>();
        List<String> disagreements = new ArrayList<>();
        integerLeaves(schema(), "", (path, range) -> {
            for (long value : new long[] {range[0], range[1]}) {
                if (!rejected(path, value).isEmpty()) {
                    disagreements.add(path + " = " + value + " is inside the schema's range but the reader says "
                            + rejected(path, value));
                }
            }
            for (long value : new long[] {range[0] - 1, range[1] + 1}) {
                if (rejected(path, value).isEmpty()) {
                    disagreements.add(path + " = " + value + " is outside the schema's range but the reader accepts it");
                }
            }
            checked.add(path);
        });
        assertThat(checked).contains("server.port", "upstreams[].retry.max_attempts", "identity.jwt[].leeway_s",
                "trust.commit_delay_ms", "classifiers.cache.max_entries");
        assertThat(disagreements).isEmpty();
    }

    private static void integerLeaves(JsonObject node, String path, java.util.function.BiConsumer<String, long[]> out) {
        JsonObject properties = node.getJsonObject("properties");
        for (String key : properties.fieldNames()) {
            JsonObject p = properties.getJsonObject(key);
            String at = path.isEmpty() ? key : path + "." + key;
            if (p.containsKey("properties")) {
                integerLeaves(p, at, out);
            } else if (p.getValue("items") instanceof JsonObject items && items.containsKey("properties")) {
                integerLeaves(items, at + "[]", out);
            } else if ("integer".equals(p.getValue("type")) && p.containsKey("minimum")) {
                out.accept(at, new long[] {p.getLong("minimum"), p.getLong("maximum")});
            }
        }
    }

    /** The reader's problems at {@code path} (items as {@code [0]}) when it holds {@code value}. */
    @SuppressWarnings("unchecked")
    private static List<String> rejected(String path, long value) {
        Map<String, Object> document = new LinkedHashMap<>();
        Map<String, Object> at = document;
        String[] segments = path.split("\\.");
        StringBuilder walked = new StringBuilder();
        for (int i = 0; i < segments.length - 1; i++) {
            String segment = segments[i];
            boolean list = segment.endsWith("[]");
            String key = list ? segment.substring(0, segment.length() - 2) : segment;
            walked.append(walked.length() == 0 ? "" : ".").append(key);
            Map<String, Object> next = new LinkedHashMap<>(list ? MINIMAL_ITEMS.get(walked.toString()) : Map.of());
            at.put(key, list ? List.of(next) : next);
            at = next;
        }
        at.put(segments[segments.length - 1], value);
        String where = path.replace("[]", "[0]");
        return ConfigLoader.parse("range.yaml", Json.encode(document), ConfigLoader.Overrides.NONE).problems().stream()
                .filter(p -> p.path().equals(where)).map(ConfigProblem::message).toList();
    }

    @Test
    void should_keep_the_readme_configuration_table_generated_from_the_schema() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertThat(begin).as("README.md holds the markers " + BEGIN + " … " + END).isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String expected = readme.substring(0, begin + BEGIN.length()) + "\n" + table(schema()) + readme.substring(end);
        if (Boolean.getBoolean("rampart.regenerate")) {
            Files.writeString(README, expected, StandardCharsets.UTF_8);
            return;
        }
        assertThat(readme).as("the README's configuration table differs from conf/gateway.schema.json; regenerate it"
                + " with: " + REGENERATE).isEqualTo(expected);
    }

    // ---- the schema, walked ----------------------------------------------------------------------------------------

    /** Every object with properties in the schema, by path ({@code upstreams[]} an item), outside {@code $defs}. */
    private static void sections(JsonObject node, String path, Map<String, Set<String>> out) {
        if (node.containsKey("properties")) {
            out.put(path, keys(node));
            for (String key : node.getJsonObject("properties").fieldNames()) {
                sections(node.getJsonObject("properties").getJsonObject(key), path.isEmpty() ? key : path + "." + key,
                        out);
            }
        }
        if (node.getValue("items") instanceof JsonObject items) {
            sections(items, path + "[]", out);
        }
    }

    private static Set<String> keys(JsonObject node) {
        return new TreeSet<>(node.getJsonObject("properties").fieldNames());
    }

    /** A document holding every default the schema states, at its place (lists of sections left out). */
    private static Map<String, Object> defaults(JsonObject node) {
        Map<String, Object> out = new LinkedHashMap<>();
        JsonObject properties = node.getJsonObject("properties");
        for (String key : properties.fieldNames()) {
            JsonObject p = properties.getJsonObject(key);
            if (p.containsKey("default")) {
                Object d = p.getValue("default");
                out.put(key, d instanceof JsonArray a ? a.getList() : d);
            } else if (p.containsKey("properties") && !p.containsKey("required")) {
                // a section with required keys is absent unless written (classifiers.cascade)
                Map<String, Object> inner = defaults(p);
                if (!inner.isEmpty()) {
                    out.put(key, inner);
                }
            }
        }
        return out;
    }

    /** Records compared component by component (arrays by content), so a difference names its place. */
    private static void assertSameValues(Object actual, Object expected, String path) throws Exception {
        if (actual instanceof Record && expected instanceof Record && actual.getClass() == expected.getClass()) {
            for (RecordComponent c : actual.getClass().getRecordComponents()) {
                assertSameValues(c.getAccessor().invoke(actual), c.getAccessor().invoke(expected), path + "." + c.getName());
            }
        } else if (actual instanceof List<?> a && expected instanceof List<?> e && a.size() == e.size()) {
            for (int i = 0; i < a.size(); i++) {
                assertSameValues(a.get(i), e.get(i), path + "[" + i + "]");
            }
        } else {
            assertThat(Objects.deepEquals(actual, expected)).as("%s: schema default %s, record default %s", path,
                    actual, expected).isTrue();
        }
    }

    // ---- the README table ------------------------------------------------------------------------------------------

    /** One row per key: path, type, default, meaning. Sections defined under {@code $defs} are one row each. */
    static String table(JsonObject schema) {
        StringBuilder out = new StringBuilder();
        out.append("| key | type | default | meaning |\n|---|---|---|---|\n");
        rows(schema, "", new LinkedHashSet<>(), out);
        return out.toString();
    }

    private static void rows(JsonObject node, String path, Set<String> required, StringBuilder out) {
        JsonObject properties = node.getJsonObject("properties");
        Set<String> req = new LinkedHashSet<>();
        if (node.getJsonArray("required") != null) {
            node.getJsonArray("required").forEach(r -> req.add((String) r));
        }
        for (String key : properties.fieldNames()) {
            JsonObject p = properties.getJsonObject(key);
            String at = path.isEmpty() ? key : path + "." + key;
            if (p.containsKey("properties")) {
                rows(p, at, req, out);
            } else if (p.getValue("items") instanceof JsonObject items && items.containsKey("properties")) {
                rows(items, at + "[]", req, out);
            } else {
                out.append("| `").append(at).append("` | ").append(type(p)).append(" | ")
                        .append(req.contains(key) ? "required" : defaultOf(p)).append(" | ")
                        .append(cell(p.getString("description", ""))).append(" |\n");
            }
        }
    }

    private static String type(JsonObject p) {
        Object type = p.getValue("type");
        if ("integer".equals(type) && p.containsKey("minimum")) {
            return "integer " + p.getValue("minimum") + "–" + p.getValue("maximum");
        }
        if ("array".equals(type)) {
            JsonObject items = p.getJsonObject("items");
            if (items.containsKey("$ref")) {
                String ref = items.getString("$ref");
                return "list of `" + ref.substring(ref.lastIndexOf('/') + 1) + "`";
            }
            return "list of " + items.getString("type") + "s";
        }
        if ("object".equals(type)) {
            return "mapping";
        }
        return type == null ? "" : String.valueOf(type);
    }

    private static String defaultOf(JsonObject p) {
        if (!p.containsKey("default")) {
            return "none";
        }
        Object d = p.getValue("default");
        return "`" + (d instanceof JsonArray a ? a.encode().replace(",", ", ") : String.valueOf(d)) + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
