package dev.rampart.classifier.onnx;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks every ONNX model section of the configuration shares (the sequence classifier's and the reward
 * scorer's): its name, its two required files, the worker settings, and reading its WordPiece tokenizer. Problems
 * are collected, never thrown, so that a section reports all of them at once.
 */
public final class ModelSection {
    /** Names of models, attributes and the like: letters, digits, '.', '_' or '-', starting with a letter or digit. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private ModelSection() {
    }

    /** Adds a problem under {@code name} unless it is a {@link #NAME}. */
    public static void checkName(String name, List<Map.Entry<String, String>> problems) {
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add(new SimpleEntry<>("name", "must be letters, digits, '.', '_' or '-', but was '" + name + "'"));
        }
    }

    /** Adds a problem for each of {@code model} and {@code tokenizer} that is missing. */
    public static void checkFiles(Path model, Path tokenizer, List<Map.Entry<String, String>> problems) {
        if (model == null) {
            problems.add(new SimpleEntry<>("model", "is required: the path of model.onnx"));
        }
        if (tokenizer == null) {
            problems.add(new SimpleEntry<>("tokenizer", "is required: the path of tokenizer.json"));
        }
    }

    /** Adds a problem unless {@code maxLength} (tokens per input, special tokens included) is at least 8. */
    public static void checkMaxLength(int maxLength, List<Map.Entry<String, String>> problems) {
        if (maxLength < 8) {
            problems.add(new SimpleEntry<>("max_length", "must be at least 8, but was " + maxLength));
        }
    }

    /** Adds a problem for each worker setting under 1. */
    public static void checkWorkers(int threads, int maxBatch, int queue, List<Map.Entry<String, String>> problems) {
        if (threads < 1) {
            problems.add(new SimpleEntry<>("threads", "must be at least 1, but was " + threads));
        }
        if (maxBatch < 1) {
            problems.add(new SimpleEntry<>("max_batch", "must be at least 1, but was " + maxBatch));
        }
        if (queue < 1) {
            problems.add(new SimpleEntry<>("queue", "must be at least 1, but was " + queue));
        }
    }

    /**
     * The WordPiece tokenizer in {@code bytes} (read from {@code file}), or null with a problem under {@code key} when
     * the bytes are null (already reported), not a tokenizer.json, or another kind of tokenizer.
     */
    public static WordPieceTokenizer tokenizer(byte[] bytes, Path file, String key, List<String> problems) {
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
