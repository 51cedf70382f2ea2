package dev.rampart.classifier.onnx;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Loading one ONNX model section ({@link ModelSource}), the steps every in-process model shares — the sequence
 * classifier's and the reward scorer's: read {@code model.onnx} and the WordPiece {@code tokenizer.json}, read
 * {@code config.json}, load the model and run it once on a probe to count its outputs. Every problem is collected
 * with its path (e.g. {@code classifiers.models[0].tokenizer: …}); {@link #finish} throws them all at once, or starts
 * the {@link LoadedModel}.
 */
public final class ModelLoad {
    private final ModelSource source;
    private final String path;
    private final List<String> problems = new ArrayList<>();
    private final byte[] modelBytes;
    private final byte[] tokenizerBytes;
    private final WordPieceTokenizer tokenizer;
    private SequenceModel model;

    /**
     * Reads the model and tokenizer files and the tokenizer.
     *
     * @param path where the section is in its file, prefixed to every problem
     */
    public ModelLoad(ModelSource source, String path) {
        this.source = source;
        this.path = path;
        this.modelBytes = ModelFiles.read(source.model(), path + ".model", problems);
        this.tokenizerBytes = ModelFiles.read(source.tokenizer(), path + ".tokenizer", problems);
        this.tokenizer = tokenizer(tokenizerBytes, source.tokenizer(), path + ".tokenizer", problems);
    }

    /** The tokenizer, or null when it could not be read (a problem says why). */
    public WordPieceTokenizer tokenizer() {
        return tokenizer;
    }

    /** Adds a problem under {@code key} of the section. */
    public void problem(String key, String message) {
        problems.add(path + "." + key + ": " + message);
    }

    /** Whether no problem has been found yet. */
    public boolean ok() {
        return problems.isEmpty();
    }

    /** The section's {@code config.json}, or null when none is configured or it cannot be read (a problem says why). */
    public SequenceModelConfig modelConfig() {
        if (source.config() == null) {
            return null;
        }
        byte[] bytes = ModelFiles.read(source.config(), path + ".config", problems);
        if (bytes == null) {
            return null;
        }
        try {
            return SequenceModelConfig.read(bytes);
        } catch (IllegalArgumentException e) {
            problem("config", source.config() + ": " + e.getMessage());
            return null;
        }
    }

    /**
     * {@code max_length} capped by {@code config.json}'s {@code max_position_embeddings} (when it is positive and
     * smaller); {@code max_length} itself without a {@code config.json}.
     */
    public int maxLength(SequenceModelConfig hf) {
        int positions = hf == null ? 0 : hf.maxPositionEmbeddings();
        return positions > 0 && positions < source.maxLength() ? positions : source.maxLength();
    }

    /**
     * Loads the model and runs it once on {@code [CLS]} followed by {@code separators} {@code [SEP]}s (one for a single
     * text, two for a pair) to count its outputs.
     *
     * @return the outputs per input, or -1 when the model or the tokenizer could not be loaded (a problem says why)
     */
    public int outputWidth(int separators) {
        if (modelBytes == null) {
            return -1;
        }
        try {
            model = SequenceModel.load(modelBytes, 1);
        } catch (IllegalArgumentException e) {
            problem("model", source.model() + ": " + e.getMessage());
            return -1;
        }
        if (tokenizer == null) {
            return -1;
        }
        int[] probe = new int[1 + separators];
        probe[0] = tokenizer.clsId();
        for (int i = 1; i < probe.length; i++) {
            probe[i] = tokenizer.sepId();
        }
        try {
            return model.outputWidth(probe, tokenizer.padId());
        } catch (IllegalArgumentException e) {
            problem("model", source.model() + ": " + e.getMessage());
            return -1;
        }
    }

    /**
     * Throws every problem found, or starts the loaded model's worker pool.
     *
     * @param settings   what besides the model bytes decides the scores (tokenizer, labels, windows…), for the revision
     * @param poolName   names the worker threads
     * @param encoder    one input to its model inputs (windows of a text, or one text pair), on a worker
     * @param batchSizes told the number of inputs in each batch run (for metrics)
     * @throws IllegalArgumentException listing every problem, one per line, each with its path
     */
    public <I> LoadedModel<I> finish(String settings, String poolName, Function<I, List<SequenceModel.Input>> encoder,
                                     IntConsumer batchSizes) {
        if (!problems.isEmpty() || model == null) {
            if (model != null) {
                model.close();
            }
            if (problems.isEmpty()) {
                problems.add(path + ".model: the model was not loaded");
            }
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        String revision = ModelFiles.revision(modelBytes,
                new String(tokenizerBytes, StandardCharsets.UTF_8) + "\n" + settings);
        return new LoadedModel<>(model, tokenizer, revision, poolName, source, encoder, batchSizes);
    }

    /**
     * The WordPiece tokenizer in {@code bytes} (read from {@code file}), or null with a problem under {@code key} when
     * the bytes are null (already reported), not a tokenizer.json, or another kind of tokenizer.
     */
    private static WordPieceTokenizer tokenizer(byte[] bytes, Path file, String key, List<String> problems) {
        if (bytes == null) {
            return null;
        }
        try {
            return WordPieceTokenizer.fromJson(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            problems.add(key + ": " + file + " is not a tokenizer.json: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + file + ": " + e.getMessage() + " (only WordPiece tokenizers are supported)");
        }
        return null;
    }
}
