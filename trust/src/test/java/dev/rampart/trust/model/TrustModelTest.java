package dev.rampart.trust.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rampart.trust.TrustAssessment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trust model as pure functions of evidence and an explicit time: no clock, no sleeping. */
class TrustModelTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final TrustModel model = new TrustModel(TrustModelConfig.DEFAULTS);

    private static Interaction clean(int i, Instant at) {
        return new Interaction("e" + i, at, Outcome.CLEAN, 0, List.of());
    }

    private static Interaction blocked(int i, Instant at) {
        return new Interaction("b" + i, at, Outcome.BLOCKED, 1.0, List.of("S1"));
    }

    @Test
    void should_start_a_stranger_at_one_half() {
        assertThat(model.direct(Evidence.none(T0), T0)).isEqualTo(0.5);
    }

    @Test
    void should_drop_fast_after_violations_and_recover_slowly() {
        Evidence e = Evidence.none(T0);
        for (int i = 0; i < 3; i++) {
            e = model.record(e, blocked(i, T0.plusSeconds(i)));
        }
        double afterViolations = model.direct(e, T0.plusSeconds(10));
        assertThat(afterViolations).isLessThan(0.1);
        // a day of good behaviour (one clean request a minute) barely helps: gains are capped per hour
        Evidence recovering = e;
        for (int i = 0; i < 24 * 60; i++) {
            recovering = model.record(recovering, clean(i, T0.plus(Duration.ofMinutes(i + 1))));
        }
        double afterADay = model.direct(recovering, T0.plus(Duration.ofDays(1)));
        assertThat(afterADay).isGreaterThan(afterViolations).isLessThan(0.5);
        // weeks later, violations have decayed away
        assertThat(model.direct(e, T0.plus(Duration.ofDays(120)))).isCloseTo(0.5, within(0.02));
    }

    @Test
    void should_cap_gains_per_window_so_bulk_benign_traffic_cannot_farm_trust() {
        Evidence burst = Evidence.none(T0);
        for (int i = 0; i < 10_000; i++) {
            burst = model.record(burst, clean(i, T0.plusMillis(i)));
        }
        assertThat(burst.positive()).isCloseTo(TrustModelConfig.DEFAULTS.maxGainPerWindow(), within(1e-4));
        assertThat(burst.events()).isEqualTo(10_000);
    }

    @Test
    void should_let_authority_raise_trust_and_violations_pull_it_down() {
        TrustAssessment clinician = model.assess(1.0, 0.5, false, false);
        TrustAssessment plain = model.assess(0.0, 0.5, false, false);
        assertThat(clinician.tier()).isEqualTo(3);
        assertThat(plain.tier()).isZero();
        TrustAssessment violatingClinician = model.assess(1.0, 0.05, false, false);
        assertThat(violatingClinician.tier()).isZero();
        assertThat(model.assess(1.0, 0.9, true, false).tier()).as("anonymous").isZero();
    }

    @Test
    void should_honour_stricter_requests_and_cap_laxer_ones() {
        assertThat(TrustModel.effectiveTier(2, 0)).isZero();
        assertThat(TrustModel.effectiveTier(1, 3)).isEqualTo(1);
        assertThat(TrustModel.effectiveTier(2, null)).isEqualTo(2);
    }

    @Test
    void should_be_deterministic_and_ignore_out_of_order_time() {
        Evidence a = model.record(model.record(Evidence.none(T0), blocked(1, T0.plusSeconds(5))), clean(2, T0));
        Evidence b = model.record(model.record(Evidence.none(T0), blocked(1, T0.plusSeconds(5))), clean(2, T0));
        assertThat(a).isEqualTo(b);
        assertThat(a.updatedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void should_report_every_bad_parameter_with_its_path() {
        TrustModelConfig bad = new TrustModelConfig(0, 1, -1, 1, 4, Duration.ZERO, Duration.ofDays(1),
                Duration.ofHours(1), 1, 1.5, 0.5, new double[] {0.5, 0.4, 0.9});
        assertThat(bad.problems("trust.model")).contains(
                "trust.model.prior_positive: must be greater than 0, but was 0.0",
                "trust.model.clean_weight: must be 0 or more, but was -1.0",
                "trust.model.positive_half_life: must be positive, but was PT0S",
                "trust.model.authority_weight: must be between 0 and 1, but was 1.5",
                "trust.model.tier_thresholds[1]: must be greater than the previous threshold (0.5), but was 0.4");
    }
}
