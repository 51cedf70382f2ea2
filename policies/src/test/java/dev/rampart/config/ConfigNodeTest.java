package dev.rampart.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Navigation, typed getters with defaults, required and unknown keys: every problem with its path and line. */
class ConfigNodeTest {
    private final List<ConfigProblem> problems = new ArrayList<>();

    private ConfigNode read(String yaml) {
        return YamlReader.parse("c.yaml", yaml, problems);
    }

    private List<String> messages() {
        return problems.stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void should_give_the_callers_default_when_a_key_is_missing_or_null() {
        ConfigNode root = read("server:\n  host:\n");
        ConfigNode server = root.get("server");
        assertThat(server.string("host", "0.0.0.0")).isEqualTo("0.0.0.0");
        assertThat(server.integer("port", 8080, 0, 65535)).isEqualTo(8080);
        assertThat(root.get("absent").bool("watch", true)).isTrue();
        assertThat(root.get("absent").number("rate", 0.25, 0, 1)).isEqualTo(0.25);
        assertThat(problems).isEmpty();
    }

    @Test
    void should_read_typed_values_when_they_are_well_formed() {
        ConfigNode root = read("""
                port: 8081
                rate: 0.5
                on: true
                name: gw
                models: [a, b]
                mode: async
                """);
        assertThat(root.integer("port", 0, 0, 65535)).isEqualTo(8081);
        assertThat(root.number("rate", 0, 0, 1)).isEqualTo(0.5);
        assertThat(root.bool("on", false)).isTrue();
        assertThat(root.requiredString("name")).isEqualTo("gw");
        assertThat(root.strings("models")).containsExactly("a", "b");
        assertThat(root.oneOf("mode", "hold", List.of("hold", "async"))).isEqualTo("async");
        assertThat(problems).isEmpty();
    }

    @Test
    void should_report_wrong_values_with_path_and_line_and_fall_back() {
        ConfigNode root = read("""
                server:
                  port: 70000
                  host: [a]
                  watch: yes
                  rate: "0.5"
                  workers: 1.5
                  mode: asinc
                """);
        ConfigNode server = root.get("server");
        assertThat(server.integer("port", 8080, 0, 65535)).isEqualTo(8080);
        assertThat(server.string("host", "h")).isEqualTo("h");
        assertThat(server.bool("watch", false)).isFalse();
        assertThat(server.number("rate", 0.1, 0, 1)).isEqualTo(0.1);
        assertThat(server.integer("workers", 1, 1, 8)).isEqualTo(1);
        assertThat(server.oneOf("mode", "hold", List.of("hold", "async"))).isEqualTo("hold");
        assertThat(messages()).containsExactly(
                "c.yaml:2: server.port: must be between 0 and 65535, but was 70000",
                "c.yaml:3: server.host: must be a string, but was a list",
                "c.yaml:4: server.watch: must be true or false, but was 'yes'",
                "c.yaml:5: server.rate: must be a number, but was '0.5'",
                "c.yaml:6: server.workers: must be a whole number, but was 1.5",
                "c.yaml:7: server.mode: must be one of hold, async, but was 'asinc' (did you mean 'async'?)");
    }

    @Test
    void should_report_a_missing_required_key_at_the_line_of_its_section() {
        ConfigNode root = read("a: 1\nupstreams:\n  - name: x\n  - name: \"  \"\n");
        List<ConfigNode> items = root.list("upstreams");
        assertThat(items.get(0).requiredString("base_url")).isNull();
        assertThat(items.get(1).requiredString("name")).isNull();
        assertThat(messages()).containsExactly(
                "c.yaml:3: upstreams[0].base_url: is required",
                "c.yaml:4: upstreams[1].name: must not be blank");
    }

    @Test
    void should_report_unknown_keys_with_one_did_you_mean_message() {
        ConfigNode root = read("server:\n  prot: 1\n  zzzzzz: 2\n");
        root.section("server", Set.of("port", "host"));
        assertThat(messages()).containsExactly(
                "c.yaml:2: server.prot: unknown key (did you mean 'port'?)",
                "c.yaml:3: server.zzzzzz: unknown key (known keys: host, port)");
    }

    @Test
    void should_report_duplicate_keys_once_even_when_read_twice() {
        ConfigNode root = read("server:\n  port: 1\n  port: 2\n");
        root.get("server").integer("port", 0, 0, 10);
        root.get("server").integer("port", 0, 0, 10);
        assertThat(root.get("server").integer("port", 0, 0, 10)).isEqualTo(1);
        assertThat(messages()).containsExactly("c.yaml:3: server.port: duplicate key 'port'");
    }

    @Test
    void should_report_a_section_that_is_not_a_mapping_or_a_list() {
        ConfigNode root = read("server: 3\nupstreams: {a: 1}\n");
        assertThat(root.section("server", Set.of("port")).integer("port", 7, 0, 10)).isEqualTo(7);
        assertThat(root.list("upstreams")).isEmpty();
        assertThat(messages()).containsExactly(
                "c.yaml:1: server: must be a mapping, but was '3'",
                "c.yaml:2: upstreams: must be a list, but was a mapping");
    }

    @Test
    void should_hand_a_section_to_another_parser_as_plain_java() {
        ConfigNode root = read("remote:\n  name: lg\n  timeout_ms: 5\n  tags: [a]\n  on: false\n");
        Map<String, Object> plain = root.get("remote").plainMap();
        assertThat(plain).containsEntry("name", "lg").containsEntry("timeout_ms", 5).containsEntry("on", false)
                .containsEntry("tags", List.of("a"));
        assertThat(root.get("missing").plainMap()).isEmpty();
    }
}
