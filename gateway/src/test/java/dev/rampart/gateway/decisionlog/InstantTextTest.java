package dev.rampart.gateway.decisionlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InstantTextTest {

    @Test
    void should_write_the_same_text_as_instant_to_string_for_every_fraction_length() {
        long[] seconds = {0L, 1_796_000_000L, 1_796_000_001L, 253_402_300_799L, -1L, 253_402_300_800L, -62_000_000_000L};
        int[] nanos = {0, 1, 7_000, 120_000_000, 123_456_000, 123_456_789, 999_999_999, 5_000_000, 10};
        for (long second : seconds) {
            for (int nano : nanos) {
                Instant t = Instant.ofEpochSecond(second, nano);
                assertThat(InstantText.format(t)).isEqualTo(t.toString());
            }
        }
    }

    @Test
    void should_agree_with_instant_to_string_on_random_times_across_seconds() {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(1_796_000_000L + random.nextInt(5), random.nextInt(1_000_000_000));
            assertThat(InstantText.format(t)).isEqualTo(t.toString());
        }
    }
}
