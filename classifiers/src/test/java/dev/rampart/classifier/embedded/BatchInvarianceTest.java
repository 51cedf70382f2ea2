package dev.rampart.classifier.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.Classifier;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.Direction;
import dev.rampart.policy.Policy;
import dev.rampart.policy.PolicyLoadResult;
import dev.rampart.policy.PolicyLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A text's scores do not depend on what else the micro-batcher put in its batch: padding to the longest text of a
 * batch must not leak into the pooled embedding, or the same prompt would be allowed alone and blocked under load.
 */
class BatchInvarianceTest {
    private static Policy policy;
    private static EmbeddedModel model;

    @BeforeAll
    static void load() {
        policy = ((PolicyLoadResult.Loaded) PolicyLoader.loadDefault()).policy();
        model = EmbeddedModel.start(EmbeddedModel.Settings.DEFAULTS, n -> { });
        model.whenLoaded().toCompletableFuture().join();
    }

    @AfterAll
    static void unload() {
        model.close();
    }

    @Test
    void should_score_a_text_the_same_alone_and_batched_with_longer_texts() {
        Classifier embedded = model.classifierFor(policy.categories());
        String probe = "Request 12-345: what is the capital of France, and which river runs through it?";
        ClassifierScores alone = embedded.classify(ClassificationInput.of(Direction.PROMPT, probe))
                .toCompletableFuture().join();

        List<CompletableFuture<ClassifierScores>> batch = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            String longer = "Tell me, in as much detail as you like, about the history of the bridges of Paris, "
                    + "their architects, the floods they survived and the films shot on them, part " + i + ".";
            batch.add(embedded.classify(ClassificationInput.of(Direction.PROMPT, longer)).toCompletableFuture());
        }
        CompletableFuture<ClassifierScores> batched = embedded.classify(ClassificationInput.of(Direction.PROMPT, probe))
                .toCompletableFuture();
        batch.forEach(CompletableFuture::join);

        alone.scores().forEach((category, score) ->
                assertThat(batched.join().scores().get(category)).as(category).isCloseTo(score, within(1e-3)));
    }
}
