package dev.rampart.classifier.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RewardConfigTest {
    private static final String PATH = "classifiers.reward[0]";

    private static Map<String, Object> yaml(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static List<String> problems(Map<String, Object> yaml) {
        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
                () -> RewardConfig.parse(yaml, PATH));
        assertThat(e).as("expected the configuration to be refused").isNotNull();
        return List.of(e.getMessage().split("\n"));
    }

    @Test
    void should_parse_an_nvidia_scorer_with_the_helpsteer2_defaults() {
        RewardConfig c = RewardConfig.parse(yaml("type", "nvidia", "name", "helpsteer",
                "url", "https://integrate.api.nvidia.com/v1/chat/completions", "model", "nvidia/nemotron-4-340b-reward",
                "api_key_env", "NVIDIA_API_KEY", "timeout_ms", 1500, "circuit_breaker", Map.of("open_ms", 5000)), PATH);
        assertThat(c.type()).isEqualTo(RewardConfig.Type.NVIDIA);
        assertThat(c.name()).isEqualTo("helpsteer");
        assertThat(c.url()).isEqualTo(URI.create("https://integrate.api.nvidia.com/v1/chat/completions"));
        assertThat(c.attributes()).containsExactly("helpfulness", "correctness", "coherence", "complexity", "verbosity");
        assertThat(c.apiKeyEnv()).isEqualTo("NVIDIA_API_KEY");
        assertThat(c.requestTemplate()).isNull();
        assertThat(c.fields()).isEmpty();
        assertThat(c.resilience().timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.resilience().openDuration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.resilience().maxConcurrent()).isEqualTo(RewardConfig.DEFAULT_RESILIENCE.maxConcurrent());
    }

    @Test
    void should_default_vllm_scorers_to_one_reward_attribute_and_no_model() {
        RewardConfig c = RewardConfig.parse(yaml("type", "vllm_pooling", "url", "http://127.0.0.1:8000/pooling"), PATH);
        assertThat(c.attributes()).containsExactly("reward");
        assertThat(c.name()).isEqualTo(RewardConfig.DEFAULT_NAME);
        assertThat(c.model()).isNull();
        assertThat(c.resilience()).isEqualTo(RewardConfig.DEFAULT_RESILIENCE);
        RewardConfig classify = RewardConfig.parse(yaml("type", "VLLM_CLASSIFY", "url", "http://127.0.0.1:8000/classify",
                "attributes", List.of("helpfulness", "verbosity")), PATH);
        assertThat(classify.type()).isEqualTo(RewardConfig.Type.VLLM_CLASSIFY);
        assertThat(classify.attributes()).containsExactly("helpfulness", "verbosity");
    }

    @Test
    void should_parse_a_json_scorer_whose_template_is_a_yaml_mapping() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("verbosity", "/scores/verbosity");
        fields.put("helpfulness", "/scores/helpfulness");
        RewardConfig c = RewardConfig.parse(yaml("type", "json", "name", "custom", "url", "http://127.0.0.1:9000/score",
                "request_template", Map.of("input", Map.of("q", "{prompt}", "a", "{response}")),
                "fields", fields), PATH);
        assertThat(c.attributes()).containsExactly("verbosity", "helpfulness");
        assertThat(c.fields()).containsKeys("verbosity", "helpfulness");
        assertThat(RequestTemplate.parse(c.requestTemplate()).placeholders()).containsExactlyInAnyOrder("prompt", "response");
    }

    @Test
    void should_report_every_problem_with_its_path() {
        List<String> problems = problems(yaml("type", "nvidia", "name", "has space", "url", "ftp://models.local/score",
                "api_key_env", "not a name", "attributes", List.of("helpfulness", "helpfulness", ""),
                "timeout_ms", 0, "max_concurrent", "many", "colour", "red",
                "circuit_breaker", Map.of("failure_rate_threshold", 101, "open_ms", -1, "window", 3)));
        assertThat(problems).containsExactlyInAnyOrder(
                PATH + ".colour: unknown key; known keys are " + RewardConfig.KEYS,
                PATH + ".max_concurrent: must be an integer, but was many",
                PATH + ".circuit_breaker.window: unknown key; known keys are "
                        + "[failure_rate_threshold, sliding_window, minimum_calls, open_ms]",
                PATH + ".timeout_ms: must be at least 1, but was 0",
                PATH + ".circuit_breaker.failure_rate_threshold: must be between 1 and 100, but was 101",
                PATH + ".circuit_breaker.open_ms: must be at least 1, but was -1",
                PATH + ".name: must be letters, digits, '.', '_' or '-', but was 'has space'",
                PATH + ".url: must be an http(s) URL with a host, but was ftp://models.local/score",
                PATH + ".model: is required for type nvidia",
                PATH + ".api_key_env: must be an environment variable name, but was 'not a name'",
                PATH + ".attributes: names must be unique, but 'helpfulness' repeats",
                PATH + ".attributes: names must be letters, digits, '.', '_' or '-', but one was ''");
    }

    @Test
    void should_require_a_known_type_and_a_url() {
        assertThat(problems(yaml("name", "x"))).containsExactlyInAnyOrder(
                PATH + ".type: is required; one of [nvidia, vllm_pooling, vllm_classify, json]",
                PATH + ".url: is required");
        assertThat(problems(yaml("type", "openai", "url", "http://h/x"))).containsExactly(
                PATH + ".type: must be one of [nvidia, vllm_pooling, vllm_classify, json], but was 'openai'");
        assertThat(problems(yaml("type", "vllm_pooling", "url", "http://bad host/x"))).containsExactly(
                PATH + ".url: must be an http(s) URL, but was 'http://bad host/x'");
    }

    @Test
    void should_refuse_json_settings_on_other_types() {
        assertThat(problems(yaml("type", "vllm_classify", "url", "http://h/classify",
                "request_template", "{\"a\":\"{response}\"}", "fields", Map.of("reward", "/r"))))
                .containsExactlyInAnyOrder(PATH + ".request_template: is only used with type json",
                        PATH + ".fields: is only used with type json");
    }

    @Test
    void should_validate_the_json_template_and_pointers() {
        assertThat(problems(yaml("type", "json", "url", "http://h/x", "request_template", "{\"q\": \"{prompt}\"",
                "fields", Map.of("reward", "data/0"))))
                .hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith(PATH + ".request_template: must be JSON, but could not be read"))
                .contains(PATH + ".fields.reward: must be a JSON pointer starting with '/', but was 'data/0'");
        assertThat(problems(yaml("type", "json", "url", "http://h/x",
                "request_template", "{\"model\": \"{model}\", \"q\": \"{prompt}\"}", "fields", Map.of("reward", "/r"),
                "attributes", List.of("reward"))))
                .containsExactlyInAnyOrder(
                        PATH + ".attributes: is not used with type json: the attributes are the keys of fields",
                        PATH + ".request_template: must contain the {response} placeholder",
                        PATH + ".model: is required when request_template uses {model}");
        assertThat(problems(yaml("type", "json", "url", "http://h/x")))
                .containsExactlyInAnyOrder(PATH + ".request_template: is required for type json",
                        PATH + ".fields: is required for type json: a JSON pointer per attribute");
        assertThat(problems(yaml("type", "json", "url", "http://h/x", "request_template", "\"{response}\"",
                "fields", Map.of("reward", 3))))
                .containsExactlyInAnyOrder(PATH + ".request_template: must be a JSON object or array",
                        PATH + ".fields: must be a mapping of names to strings, but was {reward=3}");
    }

    @Test
    void should_validate_a_built_configuration_naming_every_problem() {
        assertThatThrownBy(() -> RewardConfig.builder(RewardConfig.Type.NVIDIA, URI.create("mailto:x@y"))
                .model(" ").attributes(List.of()).resilience(null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid reward scorer configuration: ")
                .hasMessageContaining("url: must be an http(s) URL with a host, but was mailto:x@y")
                .hasMessageContaining("model: must not be blank")
                .hasMessageContaining("attributes: must name at least one attribute")
                .hasMessageContaining("resilience: must be set");
        assertThatThrownBy(() -> RewardConfig.builder(RewardConfig.Type.JSON, URI.create("http://h/x"))
                .requestTemplate("{\"a\":\"{response}\"}").fields(Map.of("reward", "/r"))
                .attributes(List.of("other")).build())
                .hasMessageContaining("attributes: must be the keys of fields for type json, but were [other] and [reward]");
    }
}
