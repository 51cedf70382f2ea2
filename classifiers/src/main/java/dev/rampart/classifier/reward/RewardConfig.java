package dev.rampart.classifier.reward;

import dev.rampart.classifier.config.ConfigReader;
import com.fasterxml.jackson.core.JsonPointer;
import dev.rampart.classifier.runtime.ResilienceSettings;
import java.net.URI;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to reach one remote reward model and read its scores.
 *
 * @param type            the API shape: {@link Type#NVIDIA}, {@link Type#VLLM_POOLING}, {@link Type#VLLM_CLASSIFY} or
 *                        {@link Type#JSON}
 * @param name            the scorer's name in results, metrics and logs
 * @param url             the full endpoint URL the request is POSTed to, e.g.
 *                        {@code https://integrate.api.nvidia.com/v1/chat/completions},
 *                        {@code http://127.0.0.1:8000/pooling}, {@code http://127.0.0.1:8000/classify}
 * @param model           the served model name; required for {@code nvidia}, optional for vLLM (omitted from the
 *                        request when null: vLLM then uses its only model), for {@code json} only the value of
 *                        {@code {model}}
 * @param apiKeyEnv       the environment variable holding the API key (sent as a bearer token), or null for none; the
 *                        key itself is never part of the configuration
 * @param attributes      the attribute names every scored result has, in order; for the vLLM types also the order of
 *                        the head's outputs; for {@code json} the keys of {@code fields}
 * @param requestTemplate {@code json} only: the request body as JSON text, with {@code {prompt}}, {@code {response}}
 *                        and {@code {model}} placeholders in its string values; null for the other types
 * @param fields          {@code json} only: attribute name to the JSON pointer (RFC 6901) of its number in the reply,
 *                        in order; empty for the other types
 * @param resilience      timeout, bulkhead and circuit breaker
 */
public record RewardConfig(
        Type type,
        String name,
        URI url,
        String model,
        String apiKeyEnv,
        List<String> attributes,
        String requestTemplate,
        Map<String, String> fields,
        ResilienceSettings resilience) {

    /** The five HelpSteer2 attributes, in the order NVIDIA's reward models report them. */
    public static final List<String> HELPSTEER2_ATTRIBUTES =
            List.of("helpfulness", "correctness", "coherence", "complexity", "verbosity");

    /** The attribute name of a scalar (Bradley-Terry) reward. */
    public static final String SCALAR_ATTRIBUTE = "reward";

    /** Default name, used when the configuration has none. */
    public static final String DEFAULT_NAME = "reward";

    /** Default limits: {@link RewardScorer#DEFAULT_RESILIENCE}, the same for remote and ONNX reward scorers. */
    public static final ResilienceSettings DEFAULT_RESILIENCE = RewardScorer.DEFAULT_RESILIENCE;

    /** Keys {@link #parse} accepts. */
    public static final List<String> KEYS = List.of("type", "name", "url", "model", "api_key_env", "attributes",
            "request_template", "fields", "timeout_ms", "max_concurrent", "circuit_breaker");

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    /** The API shapes. */
    public enum Type {
        /**
         * NVIDIA's OpenAI-compatible reward API (e.g. {@code nvidia/nemotron-4-340b-reward},
         * {@code nvidia/llama-3.1-nemotron-70b-reward}): a chat completion whose {@code choices[0].logprobs.content}
         * holds one {@code {token: attribute, logprob: score}} entry per attribute.
         */
        NVIDIA("nvidia", HELPSTEER2_ATTRIBUTES),
        /** vLLM's {@code /pooling} with chat messages: {@code data[0].data} holds the head's raw outputs. */
        VLLM_POOLING("vllm_pooling", List.of(SCALAR_ATTRIBUTE)),
        /**
         * vLLM's {@code /classify} with chat messages and {@code use_activation: false}, so {@code data[0].probs}
         * holds the head's raw logits (a {@code logits} array is read instead when a server sends one).
         */
        VLLM_CLASSIFY("vllm_classify", List.of(SCALAR_ATTRIBUTE)),
        /** Any JSON endpoint: the body from {@code request_template}, each attribute read at its pointer in {@code fields}. */
        JSON("json", List.of());

        private final String configName;
        private final List<String> defaultAttributes;

        Type(String configName, List<String> defaultAttributes) {
            this.configName = configName;
            this.defaultAttributes = defaultAttributes;
        }

        /** The value of {@code type} in the configuration. */
        public String configName() {
            return configName;
        }

        /** The attributes when none are configured ({@code json}: the keys of {@code fields}). */
        public List<String> defaultAttributes() {
            return defaultAttributes;
        }

        static Type fromConfig(String value) {
            for (Type t : values()) {
                if (t.configName.equals(value.toLowerCase(Locale.ROOT))) {
                    return t;
                }
            }
            return null;
        }

        static List<String> configNames() {
            return java.util.Arrays.stream(values()).map(Type::configName).toList();
        }
    }

    /**
     * Absent attributes take the type's defaults (for {@code json}, the keys of {@code fields}).
     *
     * @throws IllegalArgumentException naming every problem, each with its key and the value found
     */
    public RewardConfig {
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        if (attributes == null && type != null) {
            attributes = type == Type.JSON ? List.copyOf(fields.keySet()) : type.defaultAttributes();
        }
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
        List<Map.Entry<String, String>> problems = check(type, name, url, model, apiKeyEnv, attributes,
                requestTemplate, fields, resilience);
        if (!problems.isEmpty()) {
            List<String> lines = problems.stream().map(p -> p.getKey() + ": " + p.getValue()).toList();
            throw new IllegalArgumentException("invalid reward scorer configuration: " + String.join("; ", lines));
        }
    }

    /** Problems as (key, message) pairs, keys as written in the configuration. */
    private static List<Map.Entry<String, String>> check(Type type, String name, URI url, String model,
                                                         String apiKeyEnv, List<String> attributes,
                                                         String requestTemplate, Map<String, String> fields,
                                                         ResilienceSettings resilience) {
        List<Map.Entry<String, String>> problems = new ArrayList<>();
        if (type == null) {
            problems.add(new SimpleEntry<>("type", "must be one of " + Type.configNames()));
        }
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add(new SimpleEntry<>("name", "must be letters, digits, '.', '_' or '-', but was '" + name + "'"));
        }
        if (url == null || url.getScheme() == null
                || !List.of("http", "https").contains(url.getScheme().toLowerCase(Locale.ROOT))
                || url.getHost() == null) {
            problems.add(new SimpleEntry<>("url", "must be an http(s) URL with a host, but was " + url));
        }
        if (model != null && model.isBlank()) {
            problems.add(new SimpleEntry<>("model", "must not be blank"));
        } else if (model == null && type == Type.NVIDIA) {
            problems.add(new SimpleEntry<>("model", "is required for type nvidia"));
        }
        if (apiKeyEnv != null && !ENV_NAME.matcher(apiKeyEnv).matches()) {
            problems.add(new SimpleEntry<>("api_key_env",
                    "must be an environment variable name, but was '" + apiKeyEnv + "'"));
        }
        if (attributes.isEmpty() && type != null && type != Type.JSON) {
            problems.add(new SimpleEntry<>("attributes", "must name at least one attribute"));
        }
        Set<String> seen = new HashSet<>();
        for (String a : attributes) {
            if (a == null || !NAME.matcher(a).matches()) {
                problems.add(new SimpleEntry<>("attributes",
                        "names must be letters, digits, '.', '_' or '-', but one was '" + a + "'"));
            } else if (!seen.add(a)) {
                problems.add(new SimpleEntry<>("attributes", "names must be unique, but '" + a + "' repeats"));
            }
        }
        if (type == Type.JSON) {
            checkJson(model, attributes, requestTemplate, fields, problems);
        } else {
            if (requestTemplate != null) {
                problems.add(new SimpleEntry<>("request_template", "is only used with type json"));
            }
            if (!fields.isEmpty()) {
                problems.add(new SimpleEntry<>("fields", "is only used with type json"));
            }
        }
        if (resilience == null) {
            problems.add(new SimpleEntry<>("resilience", "must be set"));
        }
        return problems;
    }

    private static void checkJson(String model, List<String> attributes, String requestTemplate,
                                  Map<String, String> fields, List<Map.Entry<String, String>> problems) {
        if (requestTemplate == null) {
            problems.add(new SimpleEntry<>("request_template", "is required for type json"));
        } else {
            try {
                RequestTemplate template = RequestTemplate.parse(requestTemplate);
                if (!template.placeholders().contains("response")) {
                    problems.add(new SimpleEntry<>("request_template", "must contain the {response} placeholder"));
                }
                if (template.placeholders().contains("model") && model == null) {
                    problems.add(new SimpleEntry<>("model", "is required when request_template uses {model}"));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new SimpleEntry<>("request_template", e.getMessage()));
            }
        }
        if (fields.isEmpty()) {
            problems.add(new SimpleEntry<>("fields", "is required for type json: a JSON pointer per attribute"));
        }
        fields.forEach((attribute, pointer) -> {
            String key = "fields." + attribute;
            if (attribute == null || !NAME.matcher(attribute).matches()) {
                problems.add(new SimpleEntry<>(key, "attribute names must be letters, digits, '.', '_' or '-'"));
            }
            if (pointer == null || !pointer.startsWith("/")) {
                problems.add(new SimpleEntry<>(key, "must be a JSON pointer starting with '/', but was '" + pointer + "'"));
            } else {
                try {
                    JsonPointer.compile(pointer);
                } catch (IllegalArgumentException e) {
                    problems.add(new SimpleEntry<>(key, "must be a JSON pointer, but was '" + pointer + "'"));
                }
            }
        });
        if (!attributes.equals(List.copyOf(fields.keySet()))) {
            problems.add(new SimpleEntry<>("attributes", "must be the keys of fields for type json, but were "
                    + attributes + " and " + fields.keySet()));
        }
    }

    /**
     * Reads a configuration from parsed YAML, e.g. one entry of the gateway's {@code classifiers.reward} list:
     * <pre>
     * - type: nvidia                          # nvidia | vllm_pooling | vllm_classify | json
     *   name: helpsteer
     *   url: https://integrate.api.nvidia.com/v1/chat/completions
     *   model: nvidia/nemotron-4-340b-reward
     *   api_key_env: NVIDIA_API_KEY           # optional
     *   attributes: [helpfulness, correctness, coherence, complexity, verbosity]   # optional; the type's default
     *   timeout_ms: 5000
     *   max_concurrent: 64
     *   circuit_breaker: { failure_rate_threshold: 50, sliding_window: 20, minimum_calls: 10, open_ms: 15000 }
     *
     * - type: vllm_pooling                    # or vllm_classify; attributes default to [reward]
     *   name: skywork
     *   url: http://127.0.0.1:8000/pooling
     *   model: Skywork/Skywork-Reward-V2-Llama-3.1-8B
     *
     * - type: json
     *   name: custom
     *   url: http://127.0.0.1:9000/score
     *   request_template: '{"question": "{prompt}", "answer": "{response}"}'   # or a YAML mapping
     *   fields: { helpfulness: /scores/helpfulness, verbosity: /scores/verbosity }
     * </pre>
     * Absent keys take the defaults ({@link #DEFAULT_NAME}, the type's attributes, {@link #DEFAULT_RESILIENCE});
     * unknown keys are refused.
     *
     * @param yaml the mapping
     * @param path where it is in the file (e.g. {@code classifiers.reward[0]}), prefixed to every problem
     * @throws IllegalArgumentException listing every problem, one per line, each with its path and the value found
     */
    public static RewardConfig parse(Map<String, ?> yaml, String path) {
        ConfigReader r = new ConfigReader(yaml, path);
        r.allow(KEYS);
        Type type = null;
        String typeName = r.string("type", null);
        if (typeName == null) {
            if (!r.failed("type")) {
                r.problem("type", "is required; one of " + Type.configNames());
            }
        } else {
            type = Type.fromConfig(typeName);
            if (type == null) {
                r.problem("type", "must be one of " + Type.configNames() + ", but was '" + typeName + "'");
            }
        }
        String name = r.string("name", DEFAULT_NAME);
        URI url = r.uri("url", "an http(s) URL");
        String model = r.string("model", null);
        String apiKeyEnv = r.string("api_key_env", null);
        List<String> attributes = r.strings("attributes", "names");
        if (attributes != null && type == Type.JSON) {
            r.problem("attributes", "is not used with type json: the attributes are the keys of fields");
            attributes = null;
        }
        String template = null;
        Object rawTemplate = r.raw("request_template");
        if (rawTemplate instanceof String s) {
            template = s;
        } else if (rawTemplate instanceof Map<?, ?> || rawTemplate instanceof List<?>) {
            try {
                template = RequestTemplate.toJson(rawTemplate);
            } catch (IllegalArgumentException e) {
                r.problem("request_template", e.getMessage());
            }
        } else if (rawTemplate != null) {
            r.problem("request_template", "must be JSON text or a mapping, but was " + rawTemplate);
        }
        Map<String, String> fields = r.stringMap("fields");

        ResilienceSettings resilience = ResilienceSettings.read(r, DEFAULT_RESILIENCE);

        List<String> problems = new ArrayList<>(r.problems());
        Map<String, String> checkedFields = fields == null ? Map.of() : fields;
        List<String> checkedAttributes = attributes != null ? attributes
                : type == null ? List.of() : type == Type.JSON ? List.copyOf(checkedFields.keySet()) : type.defaultAttributes();
        for (Map.Entry<String, String> p : check(type, name, url, model, apiKeyEnv, checkedAttributes, template,
                checkedFields, resilience == null ? DEFAULT_RESILIENCE : resilience)) {
            String key = p.getKey();
            String top = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            if (!r.failed(top) && !(type == null && "type".equals(key))) {
                problems.add(path + "." + key + ": " + p.getValue());
            }
        }
        if (problems.isEmpty()) {
            return new RewardConfig(type, name, url, model, apiKeyEnv, attributes, template, fields, resilience);
        }
        throw new IllegalArgumentException(String.join("\n", problems));
    }

    /** A builder with the defaults for everything but the API shape and the endpoint. */
    public static Builder builder(Type type, URI url) {
        return new Builder(type, url);
    }

    /**
     * Defaults: name {@link #DEFAULT_NAME}, no model, no API key, the type's attributes, no template or fields,
     * {@link #DEFAULT_RESILIENCE}.
     */
    public static final class Builder {
        private final Type type;
        private final URI url;
        private String name = DEFAULT_NAME;
        private String model;
        private String apiKeyEnv;
        private List<String> attributes;
        private String requestTemplate;
        private Map<String, String> fields = Map.of();
        private ResilienceSettings resilience = DEFAULT_RESILIENCE;

        private Builder(Type type, URI url) {
            this.type = type;
            this.url = url;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder model(String value) {
            this.model = value;
            return this;
        }

        public Builder apiKeyEnv(String value) {
            this.apiKeyEnv = value;
            return this;
        }

        /** The attribute names; null: the type's defaults. */
        public Builder attributes(List<String> value) {
            this.attributes = value;
            return this;
        }

        /** {@code json} only: the request body's JSON text with placeholders. */
        public Builder requestTemplate(String value) {
            this.requestTemplate = value;
            return this;
        }

        /** {@code json} only: attribute name to JSON pointer, in order (pass a {@link LinkedHashMap} for more than one). */
        public Builder fields(Map<String, String> value) {
            this.fields = value;
            return this;
        }

        public Builder resilience(ResilienceSettings value) {
            this.resilience = value;
            return this;
        }

        public RewardConfig build() {
            return new RewardConfig(type, name, url, model, apiKeyEnv, attributes, requestTemplate, fields, resilience);
        }
    }
}
