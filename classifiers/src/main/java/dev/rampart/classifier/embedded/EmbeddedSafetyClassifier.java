package dev.rampart.classifier.embedded;

import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.normalize.TextNormalizer;
import dev.rampart.classifier.onnx.SentenceEncoder;
import dev.rampart.classifier.runtime.MicroBatcher;
import dev.rampart.policy.Category;
import dev.rampart.policy.ClassifierScores;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.IntConsumer;

/**
 * The in-process default: the bundled all-MiniLM-L6-v2 encoder (ONNX Runtime, int8) with Rampart's trained
 * {@link SafetyHead}, on a worker pool with dynamic micro-batching. Scores every taxonomy category the head was
 * trained on; a policy category the head does not know but which has {@code examples} is scored by similarity to
 * them (see {@link ExampleMatcher}). Text is normalised ({@link TextNormalizer#forModel}) first; long texts are split
 * into overlapping token windows and each category's score is the maximum over the windows.
 */
public final class EmbeddedSafetyClassifier implements Classifier {
    public static final String NAME = "embedded";

    private final SentenceEncoder encoder;
    private final SafetyHead head;
    private final ExampleMatcher examples;
    private final MicroBatcher<List<int[]>, float[][]> batcher;
    private final List<String> covers;

    /**
     * @param encoder    the loaded encoder (shared between policies; not closed by this classifier)
     * @param head       the trained head
     * @param taxonomy   the policy's categories
     * @param batcher    the shared worker pool running the encoder
     */
    public EmbeddedSafetyClassifier(SentenceEncoder encoder, SafetyHead head, List<Category> taxonomy,
                                    MicroBatcher<List<int[]>, float[][]> batcher) {
        if (!head.encoder().equals(encoder.revision())) {
            throw new IllegalArgumentException("the safety head was trained on encoder " + head.encoder()
                    + " but the encoder is " + encoder.revision() + "; run ./rampart train");
        }
        this.encoder = encoder;
        this.head = head;
        this.batcher = batcher;
        List<String> covered = new ArrayList<>();
        List<Category> unknown = new ArrayList<>();
        for (Category c : taxonomy) {
            if (head.categoryIds().contains(c.id())) {
                covered.add(c.id());
            } else if (!c.examples().isEmpty()) {
                covered.add(c.id());
                unknown.add(c);
            }
        }
        this.covers = List.copyOf(covered);
        this.examples = ExampleMatcher.of(unknown, encoder);
    }

    /**
     * A worker pool running the encoder on batches of texts (each text a list of windows); the results are the window
     * embeddings of each text.
     */
    public static MicroBatcher<List<int[]>, float[][]> batcher(SentenceEncoder encoder, boolean maxPooling, int threads,
                                                                 int maxBatch, int queueCapacity, IntConsumer batchSizes) {
        return new MicroBatcher<>("rampart-embedded", threads, maxBatch, queueCapacity, texts -> {
            List<int[]> windows = new ArrayList<>();
            for (List<int[]> t : texts) {
                windows.addAll(t);
            }
            float[][] vectors = encoder.embed(windows, maxPooling);
            List<float[][]> out = new ArrayList<>(texts.size());
            int k = 0;
            for (List<int[]> t : texts) {
                float[][] mine = new float[t.size()][];
                for (int i = 0; i < t.size(); i++) {
                    mine[i] = vectors[k++];
                }
                out.add(mine);
            }
            return out;
        }, batchSizes);
    }

    @Override
    public String name() {
        return NAME;
    }

    public List<String> covers() {
        return covers;
    }

    @Override
    public CompletionStage<ClassifierScores> classify(ClassificationInput input) {
        if (input.text().isBlank()) {
            Map<String, Double> zero = new HashMap<>();
            covers.forEach(id -> zero.put(id, 0.0));
            return CompletableFuture.completedFuture(ClassifierScores.ok(NAME, zero, List.of(), covers));
        }
        List<int[]> windows;
        try {
            windows = encoder.windows(TextNormalizer.forModel(PersonalDataMask.mask(input.text())));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(ClassifierScores.error(NAME, covers, "tokenizer failed"));
        }
        return batcher.submit(windows).handle((vectors, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                return ClassifierScores.error(NAME, covers, cause instanceof java.util.concurrent.RejectedExecutionException
                        ? "worker queue full" : "inference failed: " + cause.getClass().getSimpleName());
            }
            return ClassifierScores.ok(NAME, score(vectors), List.of(), covers);
        });
    }

    /** The category scores of a text from its window embeddings (max over windows). */
    Map<String, Double> score(float[][] windows) {
        Map<String, Double> out = new HashMap<>();
        for (float[] v : windows) {
            head.scores(v).forEach((id, s) -> {
                if (covers.contains(id)) {
                    out.merge(id, s, Math::max);
                }
            });
            examples.scores(v).forEach((id, s) -> out.merge(id, s, Math::max));
        }
        return out;
    }
}
