package dev.rampart.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlReaderTest {
    private final List<ConfigProblem> problems = new ArrayList<>();

    @Test
    void should_report_invalid_yaml_with_its_line_instead_of_throwing() {
        ConfigNode root = YamlReader.parse("bad.yaml", "a: 1\nb: [1, 2\n", problems);
        assertThat(root.present()).isFalse();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo("bad.yaml");
            assertThat(p.line()).isGreaterThan(1);
            assertThat(p.message()).startsWith("is not valid YAML: ").doesNotContain("\n");
        });
    }

    @Test
    void should_give_an_absent_root_and_no_problem_for_an_empty_document() {
        ConfigNode root = YamlReader.parse("empty.yaml", "# nothing\n", problems);
        assertThat(root.present()).isFalse();
        assertThat(root.integer("port", 8080, 0, 65535)).isEqualTo(8080);
        assertThat(problems).isEmpty();
    }

    @Test
    void should_report_a_file_that_cannot_be_read(@TempDir Path dir) {
        ConfigNode root = YamlReader.read(dir.resolve("missing.yaml"), problems);
        assertThat(root.present()).isFalse();
        assertThat(problems).singleElement().hasToString(dir.resolve("missing.yaml")
                + ": cannot read the file (NoSuchFileException)");
    }
}
