package dev.rampart.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.policy.tools.PolicyTestCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped default pack loads, covers the taxonomy, and passes its own score-based policy tests. */
class DefaultPackTest {
    private static final Path PACK = Path.of("..", "conf", "policies");

    @Test
    void should_load_the_builtin_default_with_the_llama_guard_taxonomy() {
        PolicyLoadResult result = PolicyLoader.loadDefault();
        assertThat(result).isInstanceOf(PolicyLoadResult.Loaded.class);
        Policy policy = ((PolicyLoadResult.Loaded) result).policy();
        assertThat(policy.categories()).extracting(Category::id).containsExactly("S1", "S2", "S3", "S4", "S5", "S6",
                "S7", "S8", "S9", "S10", "S11", "S12", "S13", "S14", "prompt_injection", "pii", "language");
        assertThat(policy.category("S9").orElseThrow().name()).isEqualTo("Indiscriminate Weapons");
        assertThat(policy.rule("S4").orElseThrow().locked()).isTrue();
        assertThat(policy.categoriesFor(Direction.COMPLETION)).doesNotContain("prompt_injection");
        assertThat(policy.revision()).hasSize(12);
    }

    @Test
    void should_map_the_llama_guard_hazards_to_openais_moderation_categories() {
        Policy policy = ((PolicyLoadResult.Loaded) PolicyLoader.loadDefault()).policy();
        assertThat(policy.category("S1").orElseThrow().openaiCategories())
                .containsExactly("violence", "illicit", "illicit/violent");
        assertThat(policy.category("S4").orElseThrow().openaiCategories()).contains("sexual/minors");
        assertThat(policy.category("S10").orElseThrow().openaiCategories()).containsExactly("hate");
        assertThat(policy.category("S11").orElseThrow().openaiCategories()).containsExactly("self-harm");
        assertThat(policy.category("S12").orElseThrow().openaiCategories()).containsExactly("sexual");
        assertThat(policy.category("prompt_injection").orElseThrow().openaiCategories()).isEmpty();
        assertThat(policy.category("S5").orElseThrow().openaiCategories()).isEmpty();
    }

    @Test
    void should_be_the_same_policy_from_the_classpath_and_from_conf() {
        Policy builtin = ((PolicyLoadResult.Loaded) PolicyLoader.loadDefault()).policy();
        Policy file = ((PolicyLoadResult.Loaded) PolicyLoader.load(PACK.resolve("default.yaml"))).policy();
        assertThat(file.revision()).isEqualTo(builtin.revision());
    }

    @Test
    void should_pass_every_score_case_of_the_shipped_policy_tests() {
        List<String> errors = new ArrayList<>();
        List<PolicyTestCommand.CaseResult> results = PolicyTestCommand.runFile(PACK.resolve("default.tests.yaml"),
                (policy, direction, text) -> List.of(), errors);
        assertThat(errors).isEmpty();
        List<PolicyTestCommand.CaseResult> scored = results.stream().filter(r -> !r.fromText()).toList();
        assertThat(scored).hasSizeGreaterThanOrEqualTo(16);
        assertThat(scored).allSatisfy(r -> assertThat(r.passed()).as(r.name() + ": " + r.detail()).isTrue());
    }

    @Test
    void should_have_a_test_case_for_every_rule() {
        Policy policy = ((PolicyLoadResult.Loaded) PolicyLoader.loadDefault()).policy();
        String tests = PolicyLoader.builtinDefaultText();
        String cases = new String(readTests(), java.nio.charset.StandardCharsets.UTF_8);
        for (String category : policy.rules().keySet()) {
            assertThat(cases).as("a score case for " + category).containsPattern("scores: \\{ " + category + ":");
        }
        assertThat(tests).isNotBlank();
    }

    private static byte[] readTests() {
        try {
            return java.nio.file.Files.readAllBytes(PACK.resolve("default.tests.yaml"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
