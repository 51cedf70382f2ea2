package dev.rampart.classifier.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class AdamTest {
    private static final boolean[] DECAYED = {true};

    @Test
    void should_take_full_steps_first_and_shrink_them_linearly_to_nothing_at_the_planned_end() {
        Adam adam = new Adam(1, 0.1, 0.0, 4);
        double[] p = {0.0};
        double[] moves = new double[5];
        for (int i = 0; i < moves.length; i++) {
            double before = p[0];
            adam.update(p, new double[] {1.0}, DECAYED);
            moves[i] = before - p[0];
        }
        // Adam's first steps are about the learning rate; the rate falls 1, 3/4, 1/2, 1/4, then 0.
        assertThat(moves[0]).isCloseTo(0.1, offset(1e-6));
        assertThat(moves[1]).isCloseTo(0.075, offset(1e-6));
        assertThat(moves[3]).isCloseTo(0.025, offset(1e-6));
        assertThat(moves[4]).isZero();
    }

    @Test
    void should_decay_weights_with_the_same_falling_rate() {
        Adam adam = new Adam(1, 0.1, 0.5, 2);
        double[] p = {1.0};
        adam.update(p, new double[] {0.0}, DECAYED);
        assertThat(p[0]).isCloseTo(0.95, offset(1e-9));
        adam.update(p, new double[] {0.0}, DECAYED);
        assertThat(p[0]).isCloseTo(0.95 * (1 - 0.05 * 0.5), offset(1e-9));
    }

    @Test
    void should_refuse_a_plan_without_steps() {
        assertThatThrownBy(() -> new Adam(1, 0.1, 0.0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
