package dev.rampart.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicySetTest {
    private final PolicySet<String> set = PolicySet.of("default", List.of(
            new PolicySet.Binding(PolicySet.Scope.MODEL, "gpt-mini", "strict.yaml"),
            new PolicySet.Binding(PolicySet.Scope.TENANT, "clinic", "clinic.yaml"),
            new PolicySet.Binding(PolicySet.Scope.KEY, "team-a", "team.yaml"),
            new PolicySet.Binding(PolicySet.Scope.MODEL, "gpt-big", "strict.yaml")), source -> "pack:" + source);

    @Test
    void should_prefer_key_then_tenant_then_model_then_default() {
        assertThat(set.select("team-a", "clinic", "gpt-mini")).isEqualTo("pack:team.yaml");
        assertThat(set.select("other", "clinic", "gpt-mini")).isEqualTo("pack:clinic.yaml");
        assertThat(set.select("other", "other", "gpt-mini")).isEqualTo("pack:strict.yaml");
        assertThat(set.select(null, null, "unknown")).isEqualTo("default");
        assertThat(set.select(null, null, null)).isEqualTo("default");
    }

    @Test
    void should_load_each_source_once_and_list_every_pack() {
        assertThat(set.all()).containsExactlyInAnyOrder("default", "pack:strict.yaml", "pack:clinic.yaml", "pack:team.yaml");
        assertThat(set.all().get(0)).isEqualTo("default");
    }
}
