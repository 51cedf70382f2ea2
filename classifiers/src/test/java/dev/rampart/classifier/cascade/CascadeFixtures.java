package dev.rampart.classifier.cascade;

import dev.rampart.classifier.ClassifierContract;
import dev.rampart.policy.Category;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Shared parts of the cascade tests: a first stage made of scored patterns, recorded vLLM answers. */
final class CascadeFixtures {
    private CascadeFixtures() {
    }

    /**
     * The taxonomy's categories with their own patterns replaced: S9 "pipe bomb" and S1 "grenade" score 0.5 (the
     * uncertain band), S9 "nerve agent" scores 1 (clearly unsafe), prompt_injection "ignore previous instructions"
     * 0.5 — a category Llama Guard does not cover.
     */
    static List<Category> firstStageTaxonomy(List<Category> taxonomy) {
        List<Category> out = new ArrayList<>();
        for (Category c : taxonomy) {
            List<Category.Pattern> patterns = switch (c.id()) {
                case "S9" -> List.of(new Category.Pattern(Category.Pattern.Kind.LITERAL, "pipe bomb", 0.5),
                        new Category.Pattern(Category.Pattern.Kind.LITERAL, "nerve agent", 1.0));
                case "S1" -> List.of(new Category.Pattern(Category.Pattern.Kind.LITERAL, "grenade", 0.5));
                case "prompt_injection" -> List.of(new Category.Pattern(Category.Pattern.Kind.LITERAL,
                        "ignore previous instructions", 0.5));
                default -> List.of();
            };
            out.add(new Category(c.id(), c.name(), c.description(), List.of(), patterns));
        }
        return out;
    }

    /** Llama Guard's S-categories of the taxonomy (it does not cover prompt_injection or pii). */
    static List<Category> llamaGuardTaxonomy(List<Category> taxonomy) {
        return taxonomy.stream().filter(c -> c.id().matches("S\\d+")).toList();
    }

    static String fixture(String name) {
        try (InputStream in = ClassifierContract.class.getResourceAsStream("/llamaguard/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
