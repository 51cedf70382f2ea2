package dev.rampart.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.pattern.PatternClassifier;
import dev.rampart.gateway.config.GatewayConfig;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.policy.Policy;
import dev.rampart.policy.PolicySet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading and hot reload of the policy packs from files: a valid change swaps policy and classifiers as one value, an
 * invalid one keeps the old set serving and is reported. Reloads are driven by {@link PolicyRuntime#checkForChange()},
 * never by waiting for the watcher's timer.
 */
class PolicyRuntimeTest {
    private static final String PACK = """
            name: %s
            settings: { refusal_message: "%s" }
            categories:
              - { id: S1, name: Violent Crimes, patterns: [ { literal: build a bomb } ] }
            rules:
              - { category: S1, action: block, thresholds: 0.5 }
            """;

    @TempDir
    Path dir;
    private final GatewayMetrics metrics = new GatewayMetrics();
    /** Every classifier list the runtime asked for, by the policy it was built for. */
    private final Map<Policy, List<Classifier>> built = new IdentityHashMap<>();
    private final List<String> reloads = new ArrayList<>();
    private PolicyRuntime runtime;

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private Path write(String file, String text) throws IOException {
        return Files.writeString(dir.resolve(file), text);
    }

    private PolicyRuntime.Result start(Path file, List<PolicySet.Binding> bindings) {
        metrics.onPolicyReload((accepted, revision) -> reloads.add(accepted + " " + revision));
        return PolicyRuntime.start(new GatewayConfig.PolicySource(file.toString(), false, 1000, bindings), policy -> {
            List<Classifier> classifiers = List.of(new PatternClassifier(policy.categories()));
            built.put(policy, classifiers);
            return classifiers;
        }, metrics);
    }

    private PolicyRuntime started(Path file) {
        PolicyRuntime.Result result = start(file, List.of());
        assertThat(result.problems()).isEmpty();
        runtime = result.runtime();
        return runtime;
    }

    private double reloadsCounted(String result) {
        var counter = metrics.registry().find("rampart.policy.reloads").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void should_serve_the_pack_with_classifiers_built_for_it_when_the_file_is_valid() throws IOException {
        PolicyRuntime r = started(write("policy.yaml", PACK.formatted("first", "no")));
        GuardState state = r.current();
        assertThat(state.policy().name()).isEqualTo("first");
        assertThat(state.classifiers()).isEqualTo(built.get(state.policy()));
        assertThat(r.select("any-key", "any-tenant", "any-model")).isSameAs(state);
        assertThat(r.ready()).isTrue();
        assertThat(metrics.activeRevision()).isEqualTo(state.policy().revision());
    }

    @Test
    void should_swap_policy_and_classifiers_together_when_the_file_changes() throws IOException {
        Path file = write("policy.yaml", PACK.formatted("first", "no"));
        PolicyRuntime r = started(file);
        GuardState before = r.current();
        String oldRevision = before.policy().revision();

        write("policy.yaml", PACK.formatted("second", "still no"));
        assertThat(r.checkForChange()).isTrue();

        GuardState after = r.current();
        assertThat(after.policy().name()).isEqualTo("second");
        assertThat(after.policy().revision()).isNotEqualTo(oldRevision);
        assertThat(after.classifiers()).as("classifiers built for the new policy").isSameAs(built.get(after.policy()));
        assertThat(before.policy().revision()).as("a state in use by a request never changes").isEqualTo(oldRevision);
        assertThat(before.classifiers()).isSameAs(built.get(before.policy()));
        assertThat(reloadsCounted("ok")).isEqualTo(1.0);
        assertThat(metrics.activeRevision()).isEqualTo(after.policy().revision());
        assertThat(reloads).containsExactly("true " + after.policy().revision());
    }

    @Test
    void should_keep_the_old_pack_and_report_the_rejection_when_the_changed_file_is_invalid() throws IOException {
        Path file = write("policy.yaml", PACK.formatted("first", "no"));
        PolicyRuntime r = started(file);
        GuardState before = r.current();

        write("policy.yaml", PACK.formatted("second", "no").replace("action: block", "action: explode"));
        assertThat(r.checkForChange()).isFalse();

        assertThat(r.current()).isSameAs(before);
        assertThat(reloadsCounted("rejected")).isEqualTo(1.0);
        assertThat(reloadsCounted("ok")).isZero();
        assertThat(metrics.activeRevision()).isEqualTo(before.policy().revision());
        assertThat(reloads).containsExactly("false " + before.policy().revision());
        assertThat(built).hasSize(1);
    }

    @Test
    void should_take_a_fixed_file_after_a_rejected_one_when_it_changes_again() throws IOException {
        Path file = write("policy.yaml", PACK.formatted("first", "no"));
        PolicyRuntime r = started(file);
        write("policy.yaml", "name: [unclosed");
        assertThat(r.checkForChange()).isFalse();
        write("policy.yaml", PACK.formatted("fixed", "no"));
        assertThat(r.checkForChange()).isTrue();
        assertThat(r.current().policy().name()).isEqualTo("fixed");
    }

    @Test
    void should_not_rebuild_anything_when_no_file_changed() throws IOException {
        PolicyRuntime r = started(write("policy.yaml", PACK.formatted("first", "no")));
        assertThat(r.checkForChange()).isFalse();
        assertThat(built).hasSize(1);
        assertThat(reloadsCounted("ok") + reloadsCounted("rejected")).isZero();
    }

    @Test
    void should_return_every_problem_with_its_path_and_no_runtime_when_the_pack_is_invalid_at_start() throws IOException {
        PolicyRuntime.Result result = start(write("policy.yaml",
                PACK.formatted("first", "no").replace("action: block", "action: explode")), List.of());
        assertThat(result.runtime()).isNull();
        assertThat(result.problems()).isNotEmpty();
        assertThat(result.problems().toString()).contains("rules[0].action").contains("explode");
    }

    @Test
    void should_select_the_bound_pack_when_the_request_names_a_bound_model() throws IOException {
        Path main = write("policy.yaml", PACK.formatted("main", "no"));
        Path strict = write("strict.yaml", PACK.formatted("strict", "never"));
        PolicyRuntime.Result result = start(main,
                List.of(new PolicySet.Binding(PolicySet.Scope.MODEL, "m-strict", strict.toString())));
        assertThat(result.problems()).isEmpty();
        runtime = result.runtime();
        assertThat(runtime.select("k", "t", "m-strict").policy().name()).isEqualTo("strict");
        assertThat(runtime.select("k", "t", "other").policy().name()).isEqualTo("main");
    }
}
