package dev.rampart.classifier.embedded;

import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.normalize.ReadLimit;
import dev.rampart.classifier.normalize.TextNormalizer;
import dev.rampart.classifier.normalize.TextViews;
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
 * them (see {@link ExampleMatcher}). Text is normalised ({@link TextNormalizer#forModel}) first; its
 * {@link TextViews} (readings that undo hiding tricks) are scored with it as additional texts. Every sentence window
 * of the text and its views is scored (no sampling) and each category's score is the maximum over the windows; a
 * text over the {@link ReadLimit} is an {@code ERROR} that says so, so {@code on_error} applies.
 */
public final class EmbeddedSafetyClassifier implements Classifier {
    public static final String NAME = "embedded";

    private final SentenceEncoder encoder;
    private final SafetyHead head;
    private final ExampleMatcher examples;
    private final MicroBatcher<List<int[]>, float[][]> batcher;
    private final List<String> covers;
    private final ReadLimit limit;

    /** Most windows in one encoder run: a huge text is run in slices, so memory stays bounded. */
    static final int MAX_WINDOWS_PER_RUN = 128;

    /** With the default {@link ReadLimit}. */
    public EmbeddedSafetyClassifier(SentenceEncoder encoder, SafetyHead head, List<Category> taxonomy,
                                    MicroBatcher<List<int[]>, float[][]> batcher) {
        this(encoder, head, taxonomy, batcher, ReadLimit.DEFAULTS);
    }

    /**
     * @param encoder    the loaded encoder (shared between policies; not closed by this classifier)
     * @param head       the trained head
     * @param taxonomy   the policy's categories
     * @param batcher    the shared worker pool running the encoder
     * @param limit      the longest text read; a longer one is an {@code ERROR} saying so
     */
    public EmbeddedSafetyClassifier(SentenceEncoder encoder, SafetyHead head, List<Category> taxonomy,
                                    MicroBatcher<List<int[]>, float[][]> batcher, ReadLimit limit) {
        if (!head.encoder().equals(encoder.revision())) {
            throw new IllegalArgumentException("the safety head was trained on encoder " + head.encoder()
                    + " but the encoder is " + encoder.revision() + "; run ./rampart train");
        }
        this.encoder = encoder;
        this.head = head;
        this.limit = limit;
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
     * A worker pool running the encoder on the texts waiting (each text a list of windows); the results are the window
     * embeddings of each text. Each text is embedded in ONNX runs of its own windows only: the int8 encoder quantizes
     * its activations per run, so sharing a run with other requests' texts (or their padding) moved a text's scores
     * (measured: S9 0.004 alone, 0.014 beside 31 longer texts) — a decision must not depend on concurrent traffic.
     */
    public static MicroBatcher<List<int[]>, float[][]> batcher(SentenceEncoder encoder, boolean maxPooling, int threads,
                                                                 int maxBatch, int queueCapacity, IntConsumer batchSizes) {
        return new MicroBatcher<>("rampart-embedded", threads, maxBatch, queueCapacity, texts -> {
            List<float[][]> out = new ArrayList<>(texts.size());
            for (List<int[]> t : texts) {
                out.add(embedInSlices(encoder, t, maxPooling));
            }
            return out;
        }, batchSizes);
    }

    /**
     * Embeds every window, shortest first in runs of at most {@link #MAX_WINDOWS_PER_RUN} (little padding, bounded
     * memory), and returns the vectors in the windows' order.
     */
    static float[][] embedInSlices(SentenceEncoder encoder, List<int[]> windows, boolean maxPooling) {
        Integer[] order = new Integer[windows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> windows.get(i).length));
        float[][] vectors = new float[windows.size()][];
        for (int from = 0; from < order.length; from += MAX_WINDOWS_PER_RUN) {
            int to = Math.min(order.length, from + MAX_WINDOWS_PER_RUN);
            List<int[]> slice = new ArrayList<>(to - from);
            for (int k = from; k < to; k++) {
                slice.add(windows.get(order[k]));
            }
            float[][] out = encoder.embed(slice, maxPooling);
            for (int k = from; k < to; k++) {
                vectors[order[k]] = out[k - from];
            }
        }
        return vectors;
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
        java.util.Optional<String> refused = limit.refusal(input.text());
        if (refused.isPresent()) {
            return CompletableFuture.completedFuture(ClassifierScores.error(NAME, covers, refused.get()));
        }
        List<int[]> windows;
        try {
            windows = windows(input.text());
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

    /**
     * Every window of the text as the model reads it ({@link TextNormalizer#forModel}, personal data masked) and of
     * each of its {@link TextViews} (tag characters, visual order, joined letters, leetspeak, ROT13, reversed): the
     * views are scored as additional texts, the maximum over all windows wins.
     */
    private List<int[]> windows(String text) {
        List<int[]> windows = new ArrayList<>(encoder.windows(TextNormalizer.forModel(PersonalDataMask.mask(text))));
        for (TextViews.View view : TextViews.of(text)) {
            windows.addAll(encoder.windows(TextNormalizer.forModel(PersonalDataMask.mask(view.text().text()))));
        }
        return windows;
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
