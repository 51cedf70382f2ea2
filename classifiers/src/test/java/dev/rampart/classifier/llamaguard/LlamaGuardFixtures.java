package dev.rampart.classifier.llamaguard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Recorded-shape vLLM responses under {@code src/test/resources/llamaguard}. */
final class LlamaGuardFixtures {
    private LlamaGuardFixtures() {
    }

    static String fixture(String name) {
        try (InputStream in = LlamaGuardFixtures.class.getResourceAsStream("/llamaguard/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
