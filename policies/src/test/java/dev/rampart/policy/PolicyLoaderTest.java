package dev.rampart.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.config.ConfigProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authoring: every problem at once with file, line and path; suggestions; inheritance; revisions. */
class PolicyLoaderTest {

    private static List<String> problems(String yaml) {
        PolicyLoadResult r = PolicyLoader.parse("p.yaml", yaml);
        assertThat(r).isInstanceOf(PolicyLoadResult.Invalid.class);
        return ((PolicyLoadResult.Invalid) r).problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void should_report_every_problem_with_file_line_and_path() {
        List<String> problems = problems("""
                name: broken
                categories:
                  - { id: S1, name: Violence }
                  - { id: S2, name: Crime, patterns: [ { regex: '(unclosed' }, { builtin: 'pii:emial' } ] }
                rules:
                  - { category: S1, action: blok, thresholds: 0.5 }
                  - { category: S3, action: block, thresholds: 0.5 }
                  - category: S2
                    action: flag
                    thresholds: { tier0: 1.2, tier1: 0.5, tier2: 0.4, tier3: 0.9 }
                    lockd: true
                """);
        assertThat(problems).contains(
                "p.yaml:6: rules[0].action: must be one of allow, flag, redact, block, but was 'blok' (did you mean 'block'?)",
                "p.yaml:7: rules[1].category: unknown category 'S3' (did you mean 'S1'?)",
                "p.yaml:10: rules[2].thresholds.tier0: must be between 0 and 1, but was 1.2",
                "p.yaml:10: rules[2].thresholds.tier2: must not be stricter than tier1 (0.5): higher trust relaxes, but was 0.4",
                "p.yaml:11: rules[2].lockd: unknown key (did you mean 'locked'?)");
        assertThat(problems).anyMatch(p -> p.startsWith("p.yaml:4: categories[1].patterns[0].regex: is not a valid regular expression"));
        assertThat(problems).anyMatch(p -> p.contains("categories[1].patterns[1].builtin: unknown detector 'pii:emial' (did you mean 'pii:email'?)"));
    }

    @Test
    void should_report_openai_categories_that_are_not_openais_or_repeated_with_their_path() {
        List<String> problems = problems("""
                name: mapped
                categories:
                  - { id: S1, openai_categories: [violence, violense, violence, S2] }
                rules:
                  - { category: S1, action: block, thresholds: 0.5 }
                """);
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith("p.yaml:3: categories[0].openai_categories[1]: must be one of OpenAI's"
                + " moderation categories (harassment, ").endsWith("but was 'violense' (did you mean 'violence'?)");
        assertThat(problems.get(1)).isEqualTo("p.yaml:3: categories[0].openai_categories[2]: names 'violence' twice");
        assertThat(problems.get(2)).contains("categories[0].openai_categories[3]").contains("but was 'S2'");
    }

    @Test
    void should_read_the_openai_categories_a_category_counts_as_and_give_the_mapping_its_own_revision() {
        String base = "name: mapped\ncategories:\n  - { id: S1%s }\nrules:\n  - { category: S1, action: block, thresholds: 0.5 }\n";
        Policy mapped = ((PolicyLoadResult.Loaded) PolicyLoader.parse("p.yaml",
                base.formatted(", openai_categories: [violence, illicit/violent]"))).policy();
        Policy unmapped = ((PolicyLoadResult.Loaded) PolicyLoader.parse("p.yaml", base.formatted(""))).policy();
        assertThat(mapped.category("S1").orElseThrow().openaiCategories()).containsExactly("violence", "illicit/violent");
        assertThat(unmapped.category("S1").orElseThrow().openaiCategories()).isEmpty();
        assertThat(mapped.revision()).isNotEqualTo(unmapped.revision());
    }

    @Test
    void should_reject_duplicate_keys_and_bad_yaml() {
        assertThat(problems("name: a\nname: b\ncategories: [ { id: x } ]\n"))
                .anyMatch(p -> p.contains("duplicate key 'name'"));
        assertThat(problems("categories: [ { id: x }\n")).anyMatch(p -> p.contains("is not valid YAML"));
    }

    @Test
    void should_inherit_override_and_remove_rules(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("base.yaml"), """
                name: base
                categories:
                  - { id: a, name: A }
                  - { id: b, name: B }
                rules:
                  - { category: a, action: block, thresholds: 0.5 }
                  - { category: b, action: block, thresholds: 0.5 }
                """);
        Files.writeString(dir.resolve("team.yaml"), """
                name: team
                extends: base.yaml
                remove_rules: [b]
                rules:
                  - { category: a, action: flag, thresholds: 0.9 }
                """);
        PolicyLoadResult r = PolicyLoader.load(dir.resolve("team.yaml"));
        Policy team = ((PolicyLoadResult.Loaded) r).policy();
        assertThat(team.name()).isEqualTo("team");
        assertThat(team.rules().keySet()).containsExactly("a");
        assertThat(team.rule("a").orElseThrow().action()).isEqualTo(Action.FLAG);
        assertThat(team.categories()).extracting(Category::id).containsExactly("a", "b");
    }

    @Test
    void should_extend_the_builtin_default() {
        PolicyLoadResult r = PolicyLoader.parse("strict.yaml", """
                name: strict-refusals
                extends: builtin:default
                settings: { prompt_block_reply: refusal }
                rules:
                  - { category: S8, action: block, thresholds: 0.5 }
                """);
        Policy p = ((PolicyLoadResult.Loaded) r).policy();
        assertThat(p.promptBlockReply()).isEqualTo(PromptBlockReply.REFUSAL);
        assertThat(p.rule("S8").orElseThrow().action()).isEqualTo(Action.BLOCK);
        assertThat(p.rules()).hasSize(17);
    }

    @Test
    void should_give_the_same_content_the_same_revision_and_any_change_a_new_one() {
        String yaml = "name: r\ncategories: [ { id: a } ]\nrules: [ { category: a, action: block, thresholds: 0.5 } ]\n";
        String r1 = ((PolicyLoadResult.Loaded) PolicyLoader.parse("x.yaml", yaml)).policy().revision();
        String r2 = ((PolicyLoadResult.Loaded) PolicyLoader.parse("y.yaml", "# comment\n" + yaml)).policy().revision();
        String r3 = ((PolicyLoadResult.Loaded) PolicyLoader.parse("x.yaml", yaml.replace("0.5", "0.6"))).policy().revision();
        assertThat(r1).isEqualTo(r2).isNotEqualTo(r3);
    }

    @Test
    void should_report_a_missing_extended_file_and_cycles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "extends: b.yaml\n");
        Files.writeString(dir.resolve("b.yaml"), "extends: a.yaml\n");
        PolicyLoadResult cycle = PolicyLoader.load(dir.resolve("a.yaml"));
        assertThat(((PolicyLoadResult.Invalid) cycle).problems()).anyMatch(p -> p.message().contains("deeper than"));
        PolicyLoadResult missing = PolicyLoader.parse("m.yaml", "extends: nowhere.yaml\n");
        assertThat(((PolicyLoadResult.Invalid) missing).problems()).anyMatch(p -> p.message().contains("cannot read"));
    }
}
