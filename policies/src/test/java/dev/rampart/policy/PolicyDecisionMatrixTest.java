package dev.rampart.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The decision function over the matrix tiers × categories × actions × locked, declared once and expanded. */
class PolicyDecisionMatrixTest {
    private static final double[] THRESHOLDS = {0.4, 0.55, 0.7, 0.85};
    private static final List<String> CATEGORIES = List.of("alpha", "beta");

    static Policy policy(String category, String action, boolean locked) {
        StringBuilder yaml = new StringBuilder("name: matrix\ncategories:\n");
        for (String c : CATEGORIES) {
            yaml.append("  - { id: ").append(c).append(", name: ").append(c).append(" }\n");
        }
        yaml.append("rules:\n  - category: ").append(category).append("\n    action: ").append(action)
                .append("\n    locked: ").append(locked)
                .append("\n    thresholds: { tier0: 0.4, tier1: 0.55, tier2: 0.7, tier3: 0.85 }\n");
        PolicyLoadResult r = PolicyLoader.parse("matrix.yaml", yaml.toString());
        assertThat(r).as(r.toString()).isInstanceOf(PolicyLoadResult.Loaded.class);
        return ((PolicyLoadResult.Loaded) r).policy();
    }

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (String category : CATEGORIES) {
            for (String action : List.of("allow", "flag", "redact", "block")) {
                for (boolean locked : List.of(false, true)) {
                    for (int tier = 0; tier <= 3; tier++) {
                        out.add(Arguments.of(category, action, locked, tier));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} locked={2} tier={3}")
    @MethodSource("matrix")
    void should_fire_exactly_at_the_threshold_of_the_effective_tier(String category, String action, boolean locked,
                                                                     int tier) {
        Policy policy = policy(category, action, locked);
        double threshold = THRESHOLDS[locked ? 0 : tier];
        List<Span> spans = List.of(new Span(0, 3, category));
        Decision at = policy.decide(Direction.PROMPT, tier, List.of(ClassifierScores.ok("c",
                Map.of(category, threshold), spans, List.of(category))));
        Decision below = policy.decide(Direction.PROMPT, tier, List.of(ClassifierScores.ok("c",
                Map.of(category, threshold - 0.01), spans, List.of(category))));
        Action expected = Action.valueOf(action.toUpperCase());
        assertThat(at.action()).isEqualTo(expected);
        assertThat(at.firedCategories()).containsExactly(category);
        assertThat(below.action()).isEqualTo(Action.ALLOW);
        assertThat(below.firedCategories()).isEmpty();
        assertThat(at.contested()).isTrue(); // exactly at the threshold is within the margin
        assertThat(at.findings()).singleElement().satisfies(f -> {
            assertThat(f.threshold()).isEqualTo(threshold);
            assertThat(f.tier()).isEqualTo(locked ? 0 : tier);
        });
        assertThat(at.policyRevision()).isEqualTo(policy.revision());
    }
}
