package dev.rampart.classifier.reward;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Recorded-shape reward model replies under {@code src/test/resources/reward}. */
final class RewardFixtures {
    private RewardFixtures() {
    }

    static String fixture(String name) {
        try (InputStream in = RewardFixtures.class.getResourceAsStream("/reward/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
