package dev.rampart.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.pattern.PatternClassifier;
import dev.rampart.gateway.config.GatewayConfig;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.Decision;
import dev.rampart.policy.Direction;
import dev.rampart.policy.Policy;
import dev.rampart.policy.PolicyLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shadow pack beside the live one: it shares the live classifiers' scores when the taxonomy is the same (no
 * classifier built or run for it), gets its own classifiers when not, is archived by revision like every pack, and
 * its agreement with the live pack is counted per category.
 */
class ShadowPackTest {
    private final List<Policy> built = new ArrayList<>();
    private final Function<Policy, List<Classifier>> factory = p -> {
        built.add(p);
        return List.of(new PatternClassifier(p.categories()));
    };

    private static GatewayConfig.PolicySource source(Path live, Path shadow) {
        return new GatewayConfig.PolicySource(live.toString(), false, 1000, List.of(), shadow.toString());
    }

    @Test
    void should_decide_the_shadow_on_the_live_scores_when_the_taxonomy_is_shared(@TempDir Path dir) throws Exception {
        Path live = Files.writeString(dir.resolve("live.yaml"), "name: live\nextends: builtin:default\n");
        Path shadow = Files.writeString(dir.resolve("shadow.yaml"), "name: shadow\nextends: builtin:default\n"
                + "remove_rules: [S9]\n");
        PolicyRuntime.Result r = PolicyRuntime.start(source(live, shadow), factory, new GatewayMetrics(),
                new PackArchive(dir.resolve("archive")));
        assertThat(r.problems()).isEmpty();
        GuardState state = r.runtime().current();
        assertThat(state.shadow().sharesScores()).isTrue();
        assertThat(built).extracting(Policy::name).containsExactly("live"); // no classifiers built for the shadow
        assertThat(state.shadow().policy().name()).isEqualTo("shadow");
        r.runtime().close();
    }

    @Test
    void should_build_classifiers_for_a_shadow_with_its_own_taxonomy(@TempDir Path dir) throws Exception {
        Path live = Files.writeString(dir.resolve("live.yaml"), "name: live\nextends: builtin:default\n");
        Path shadow = Files.writeString(dir.resolve("shadow.yaml"), """
                name: shadow
                categories:
                  - { id: bombs, name: Bombs, patterns: [ { literal: pipe bomb } ] }
                rules:
                  - { category: bombs, action: block, thresholds: 0.5 }
                """);
        PolicyRuntime.Result r = PolicyRuntime.start(source(live, shadow), factory, new GatewayMetrics(), null);
        GuardState state = r.runtime().current();
        assertThat(state.shadow().sharesScores()).isFalse();
        assertThat(built).extracting(Policy::name).containsExactlyInAnyOrder("live", "shadow");
        assertThat(state.categoriesFor(Direction.PROMPT)).contains("S9", "bombs");
        r.runtime().close();
    }

    @Test
    void should_archive_every_loaded_pack_by_revision_so_it_loads_again(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("base.yaml"), "name: base\nextends: builtin:default\n");
        Path live = Files.writeString(dir.resolve("live.yaml"), "name: live\nextends: base.yaml\n");
        Path shadow = Files.writeString(dir.resolve("shadow.yaml"), "name: shadow\nextends: builtin:default\n");
        PackArchive archive = new PackArchive(dir.resolve("archive"));
        PolicyRuntime.Result r = PolicyRuntime.start(source(live, shadow), factory, new GatewayMetrics(), archive);
        String liveRevision = r.runtime().current().policy().revision();
        String shadowRevision = r.runtime().current().shadow().policy().revision();
        r.runtime().close();
        Path archived = archive.find(liveRevision).orElseThrow();
        assertThat(archived.getFileName().toString()).isEqualTo("live.yaml");
        assertThat(PolicyRuntime.load(archived.toString())).isInstanceOfSatisfying(
                dev.rampart.policy.PolicyLoadResult.Loaded.class,
                l -> assertThat(l.policy().revision()).isEqualTo(liveRevision));
        assertThat(archive.find(shadowRevision)).isPresent();
        assertThat(archive.find("000000000000")).isEmpty();
    }

    @Test
    void should_count_agreement_between_live_and_shadow_per_category() {
        Policy live = ((dev.rampart.policy.PolicyLoadResult.Loaded) PolicyLoader.parse("l.yaml", """
                name: live
                categories: [ { id: v, name: V }, { id: h, name: H } ]
                rules:
                  - { category: v, action: block, thresholds: 0.5 }
                  - { category: h, action: flag, thresholds: 0.5 }
                """)).policy();
        Policy shadow = ((dev.rampart.policy.PolicyLoadResult.Loaded) PolicyLoader.parse("s.yaml", """
                name: shadow
                categories: [ { id: v, name: V }, { id: h, name: H } ]
                rules:
                  - { category: v, action: block, thresholds: 0.8 }
                  - { category: h, action: block, thresholds: 0.5 }
                """)).policy();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ShadowAgreement agreement = new ShadowAgreement(registry);
        for (double v : new double[] {0.6, 0.9, 0.1}) {
            List<ClassifierScores> scores = List.of(ClassifierScores.ok("m", Map.of("v", v, "h", 0.7), List.of(),
                    List.of("v", "h")));
            Decision l = live.decide(Direction.PROMPT, 0, scores);
            Decision s = shadow.decide(Direction.PROMPT, 0, scores);
            agreement.record(l, s);
        }
        assertThat(count(registry, "v", "agree")).isEqualTo(2.0);        // 0.9 both block, 0.1 both allow
        assertThat(count(registry, "v", "shadow_laxer")).isEqualTo(1.0); // 0.6: live blocks, shadow not
        assertThat(count(registry, "h", "shadow_stricter")).isEqualTo(3.0);
        assertThat(registry.find(ShadowAgreement.METER).tag("category", "h").tag("agreement", "agree").counter()).isNull();
    }

    private static double count(SimpleMeterRegistry registry, String category, String agreement) {
        return registry.get(ShadowAgreement.METER).tag("direction", "prompt").tag("category", category)
                .tag("agreement", agreement).counter().count();
    }
}
