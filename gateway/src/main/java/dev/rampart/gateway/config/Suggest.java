package dev.rampart.gateway.config;

import dev.rampart.policy.Names;
import java.util.Collection;
import java.util.Optional;

/** Suggests the nearest known name for a typo in {@code gateway.yaml}, the same way policy validation does. */
final class Suggest {
    private Suggest() {
    }

    static Optional<String> nearest(String typo, Collection<String> known) {
        return Names.nearest(typo, known);
    }
}
