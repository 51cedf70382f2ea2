package dev.rampart.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The README's error table is the catalogue's, and the catalogue itself is coherent. */
class ErrorCatalogueReadmeTest {
    private static final String BEGIN = "<!-- errors:begin -->\n";
    private static final String END = "<!-- errors:end -->";
    private static final Path README = Path.of("..", "README.md");

    @Test
    void should_show_the_catalogue_in_the_readme() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int from = readme.indexOf(BEGIN);
        int to = readme.indexOf(END);
        assertThat(from).as("README.md has the markers %s and %s", BEGIN.trim(), END).isGreaterThanOrEqualTo(0);
        assertThat(to).isGreaterThan(from);
        String generated = ApiError.markdownTable();
        if (Boolean.getBoolean("rampart.writeReadme")) {
            Files.writeString(README, readme.substring(0, from + BEGIN.length()) + generated + readme.substring(to),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(readme.substring(from + BEGIN.length(), to))
                .as("README error table differs from ApiError; regenerate with -Drampart.writeReadme=true")
                .isEqualTo(generated);
    }

    @Test
    void should_use_4xx_for_client_errors_and_5xx_only_for_faults_beyond_the_client() {
        for (ApiError e : ApiError.values()) {
            if (e.type() == ApiError.Type.SERVER) {
                assertThat(e.status()).as(e.name()).isBetween(500, 599);
            } else if (e != ApiError.UPSTREAM_REJECTED) {
                assertThat(e.status()).as(e.name()).isBetween(400, 499);
            }
            assertThat(e.code()).as(e.name()).matches("[a-z_]+");
            assertThat(e.defaultMessage()).as(e.name()).endsWith(".");
        }
    }

    @Test
    void should_give_each_status_and_code_pair_one_constant() {
        Set<String> seen = new HashSet<>();
        for (ApiError e : ApiError.values()) {
            assertThat(seen.add(e.status() + "/" + e.code())).as("duplicate %s", e).isTrue();
        }
    }
}
