package dev.rampart.classifier.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

    @Test
    void should_compute_the_figures_of_a_known_ranking() {
        // ranked: 0.9 P, 0.8 N, 0.7 P, 0.6 N, 0.2 P ; predicted at 0.5
        double[] scores = {0.9, 0.8, 0.7, 0.6, 0.2};
        boolean[] labels = {true, false, true, false, true};
        boolean[] predicted = {true, true, true, true, false};
        BinaryMetrics m = BinaryMetrics.of(scores, labels, predicted);
        // AP = (1/1 + 2/3 + 3/5) / 3
        assertThat(m.auprc()).isCloseTo((1 + 2 / 3.0 + 3 / 5.0) / 3, within(1e-9));
        // pairs (P,N) ranked right: 0.9>0.8, 0.9>0.6, 0.7>0.6 = 3 of 6
        assertThat(m.auroc()).isCloseTo(0.5, within(1e-9));
        assertThat(m.precision()).isCloseTo(0.5, within(1e-9));
        assertThat(m.recall()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(m.falsePositiveRate()).isCloseTo(1.0, within(1e-9));
        assertThat(m.f1()).isCloseTo(2 * 0.5 * (2 / 3.0) / (0.5 + 2 / 3.0), within(1e-9));
    }

    @Test
    void should_give_a_perfect_ranking_full_marks_and_ties_half_credit() {
        BinaryMetrics perfect = BinaryMetrics.of(new double[] {0.9, 0.1}, new boolean[] {true, false}, new boolean[] {true, false});
        assertThat(perfect.auprc()).isEqualTo(1.0);
        assertThat(perfect.auroc()).isEqualTo(1.0);
        BinaryMetrics tied = BinaryMetrics.of(new double[] {0.5, 0.5}, new boolean[] {true, false}, new boolean[] {true, true});
        assertThat(tied.auroc()).isEqualTo(0.5);
        assertThat(tied.auprc()).isEqualTo(0.5);
    }

    @Test
    void should_report_undefined_figures_as_nan_without_failing() {
        BinaryMetrics onlyNegatives = BinaryMetrics.of(new double[] {0.1}, new boolean[] {false}, new boolean[] {false});
        assertThat(onlyNegatives.recall()).isNaN();
        assertThat(onlyNegatives.auroc()).isNaN();
        assertThat(onlyNegatives.falsePositiveRate()).isZero();
    }
}
