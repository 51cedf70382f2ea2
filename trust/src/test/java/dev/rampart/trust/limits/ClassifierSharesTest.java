package dev.rampart.trust.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** One tenant's share of the classifier queue, and the tier-scaled cap on moderation inputs. */
class ClassifierSharesTest {

    @Test
    void should_hold_a_tenant_to_its_share_and_leave_the_rest_to_others() {
        ClassifierShares shares = ClassifierShares.of(64, 0.5);
        assertThat(shares.perTenant()).isEqualTo(32);
        assertThat(shares.tryAcquire("a", 30)).isTrue();
        assertThat(shares.tryAcquire("a", 3)).as("over a's share").isFalse();
        assertThat(shares.tryAcquire("b", 1)).as("b's share is untouched").isTrue();
        shares.release("a", 30);
        assertThat(shares.tryAcquire("a", 32)).isTrue();
    }

    @Test
    void should_scale_the_moderation_input_cap_with_the_tier() {
        LimitsConfig c = LimitsConfig.parse(Map.of("moderation_inputs", Map.of("tier0", 32, "tier2", 512),
                "classifier_share", 0.25)).config();
        assertThat(c.moderationInputs(0)).isEqualTo(32);
        assertThat(c.moderationInputs(1)).isEqualTo(32);
        assertThat(c.moderationInputs(3)).isEqualTo(512);
        assertThat(c.classifierShare()).isEqualTo(0.25);
        assertThat(c.any()).isTrue();
        assertThat(LimitsConfig.parse(Map.of("classifier_share", 0)).problems())
                .containsExactly("limits.classifier_share: must be a number greater than 0 and at most 1, but was 0");
    }
}
