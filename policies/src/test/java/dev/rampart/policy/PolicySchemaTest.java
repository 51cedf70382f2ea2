package dev.rampart.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The JSON Schema editors use (conf/policy.schema.json) agrees with the loader: the same keys, and the shipped packs
 * validate against it. A small validator for the keywords the schema uses; no network, no schema library.
 */
class PolicySchemaTest {
    private static final Path CONF = Path.of("..", "conf");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(Path file) throws Exception {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> props(Map<String, Object> schema) {
        return (Map<String, Object>) schema.get("properties");
    }

    @Test
    @SuppressWarnings("unchecked")
    void should_name_exactly_the_keys_the_loader_accepts() throws Exception {
        Map<String, Object> schema = load(CONF.resolve("policy.schema.json"));
        Map<String, Object> defs = (Map<String, Object>) schema.get("$defs");
        assertThat(props(schema).keySet()).containsExactlyInAnyOrderElementsOf(PolicyLoader.TOP);
        assertThat(props((Map<String, Object>) props(schema).get("settings")).keySet())
                .containsExactlyInAnyOrderElementsOf(PolicyLoader.SETTINGS);
        assertThat(props((Map<String, Object>) defs.get("category")).keySet())
                .containsExactlyInAnyOrderElementsOf(PolicyLoader.CATEGORY);
        assertThat(props((Map<String, Object>) defs.get("rule")).keySet())
                .containsExactlyInAnyOrderElementsOf(PolicyLoader.RULE);
    }

    @Test
    void should_validate_the_shipped_default_pack() throws Exception {
        Map<String, Object> schema = load(CONF.resolve("policy.schema.json"));
        List<String> errors = new ArrayList<>();
        validate(schema, schema, load(CONF.resolve("policies").resolve("default.yaml")), "", errors);
        assertThat(errors).isEmpty();
    }

    @Test
    void should_reject_what_the_loader_rejects() throws Exception {
        Map<String, Object> schema = load(CONF.resolve("policy.schema.json"));
        List<String> errors = new ArrayList<>();
        Object bad = new Load(LoadSettings.builder().build()).loadFromString(
                "rules: [ { category: S1, action: blok, thresholds: { tier0: 1.2 } } ]\nlockd: true\n");
        validate(schema, schema, bad, "", errors);
        assertThat(errors).anyMatch(e -> e.startsWith("rules[0].action"))
                .anyMatch(e -> e.startsWith("lockd"))
                .anyMatch(e -> e.startsWith("rules[0].thresholds"));
    }

    @Test
    void should_accept_modes_and_on_error_per_direction_and_reject_an_unknown_on_error_action() throws Exception {
        Map<String, Object> schema = load(CONF.resolve("policy.schema.json"));
        Load yaml = new Load(LoadSettings.builder().build());
        List<String> errors = new ArrayList<>();
        validate(schema, schema, yaml.loadFromString("settings: { mode: monitor }\nrules: [ { category: S1, action: "
                + "block, mode: enforce, on_error: { prompt: block, completion: flag } } ]\n"), "", errors);
        assertThat(errors).isEmpty();
        validate(schema, schema, yaml.loadFromString(
                "rules: [ { category: S1, action: block, on_error: { prompt: redact } } ]\n"), "", errors);
        assertThat(errors).anyMatch(e -> e.startsWith("rules[0].on_error"));
    }

    @SuppressWarnings("unchecked")
    static void validate(Map<String, Object> root, Map<String, Object> schema, Object value, String path,
                         List<String> errors) {
        if (schema.containsKey("$ref")) {
            String ref = ((String) schema.get("$ref")).substring("#/$defs/".length());
            validate(root, (Map<String, Object>) ((Map<String, Object>) root.get("$defs")).get(ref), value, path, errors);
            return;
        }
        if (schema.containsKey("oneOf")) {
            int matches = 0;
            for (Object alternative : (List<Object>) schema.get("oneOf")) {
                List<String> sub = new ArrayList<>();
                validate(root, (Map<String, Object>) alternative, value, path, sub);
                matches += sub.isEmpty() ? 1 : 0;
            }
            if (matches != 1) {
                errors.add(path + ": matches " + matches + " alternatives of oneOf");
            }
            return;
        }
        if (schema.containsKey("enum") && !((List<Object>) schema.get("enum")).contains(value)) {
            errors.add(path + ": not one of " + schema.get("enum"));
        }
        Object type = schema.get("type");
        if ("object".equals(type) || schema.containsKey("properties")) {
            if (!(value instanceof Map<?, ?> map)) {
                errors.add(path + ": not an object");
                return;
            }
            Map<String, Object> properties = schema.containsKey("properties")
                    ? (Map<String, Object>) schema.get("properties") : Map.of();
            for (Object required : (List<Object>) schema.getOrDefault("required", List.of())) {
                if (!map.containsKey(required)) {
                    errors.add(path + "." + required + ": required");
                }
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String p = path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey();
                if (properties.containsKey(e.getKey())) {
                    validate(root, (Map<String, Object>) properties.get(e.getKey()), e.getValue(), p, errors);
                } else if (Boolean.FALSE.equals(schema.get("additionalProperties"))) {
                    errors.add(p + ": not allowed");
                }
            }
        } else if ("array".equals(type)) {
            if (!(value instanceof List<?> list)) {
                errors.add(path + ": not an array");
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                validate(root, (Map<String, Object>) schema.get("items"), list.get(i), path + "[" + i + "]", errors);
            }
        } else if ("string".equals(type)) {
            if (!(value instanceof String s)) {
                errors.add(path + ": not a string");
            } else if (schema.containsKey("pattern") && !s.matches((String) schema.get("pattern"))) {
                errors.add(path + ": does not match " + schema.get("pattern"));
            }
        } else if ("number".equals(type) || "integer".equals(type)) {
            if (!(value instanceof Number n) || "integer".equals(type) && !(value instanceof Integer || value instanceof Long)) {
                errors.add(path + ": not a " + type);
                return;
            }
            if (schema.containsKey("minimum") && n.doubleValue() < ((Number) schema.get("minimum")).doubleValue()
                    || schema.containsKey("maximum") && n.doubleValue() > ((Number) schema.get("maximum")).doubleValue()) {
                errors.add(path + ": out of range");
            }
        } else if ("boolean".equals(type) && !(value instanceof Boolean)) {
            errors.add(path + ": not a boolean");
        }
    }
}
