package dev.rampart.classifier.onnx;

import dev.rampart.classifier.config.ConfigReader;
import java.nio.file.Path;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What every ONNX model section of the configuration has, whatever the model scores — the sequence classifier's
 * ({@link SequenceClassifierConfig}) and the reward scorer's ({@code OnnxRewardScorer.Config}): its name, the files of
 * the export, the tokens per input and the worker pool. Its defaults live here, its checks are collected (never
 * thrown) so that a section reports all of its problems at once, and {@link ModelLoad} loads from it.
 *
 * @param name      the scorer's name in results, metrics and logs
 * @param model     the {@code model.onnx} file
 * @param tokenizer the {@code tokenizer.json} file (WordPiece only)
 * @param config    the model's {@code config.json}, or null where it is optional
 * @param maxLength most tokens per model input, special tokens included; capped at load by
 *                  {@code max_position_embeddings} of {@code config.json}
 * @param threads   inference worker threads
 * @param maxBatch  most model inputs per inference run
 * @param queue     most inputs waiting; beyond it a call fails at once
 */
public record ModelSource(String name, Path model, Path tokenizer, Path config, int maxLength, int threads,
                          int maxBatch, int queue) {
    public static final int DEFAULT_MAX_LENGTH = 512;
    public static final int DEFAULT_THREADS = 2;
    public static final int DEFAULT_MAX_BATCH = 16;
    public static final int DEFAULT_QUEUE = 1024;

    /** The keys {@link #read} reads; a section adds its own. */
    public static final List<String> KEYS = List.of("type", "name", "model", "tokenizer", "config", "max_length",
            "threads", "max_batch", "queue");

    /** Names of models, attributes and the like: letters, digits, '.', '_' or '-', starting with a letter or digit. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    /**
     * The problems of these values as (key, message) pairs: a name that is not a {@link #NAME}, a missing file (the
     * {@code config.json} only when {@code configRequired}), {@code max_length} under 8, a worker setting under 1.
     */
    public List<Map.Entry<String, String>> problems(boolean configRequired) {
        List<Map.Entry<String, String>> problems = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add(new SimpleEntry<>("name", "must be letters, digits, '.', '_' or '-', but was '" + name + "'"));
        }
        if (model == null) {
            problems.add(new SimpleEntry<>("model", "is required: the path of model.onnx"));
        }
        if (tokenizer == null) {
            problems.add(new SimpleEntry<>("tokenizer", "is required: the path of tokenizer.json"));
        }
        if (config == null && configRequired) {
            problems.add(new SimpleEntry<>("config", "is required: the path of the model's config.json"));
        }
        if (maxLength < 8) {
            problems.add(new SimpleEntry<>("max_length", "must be at least 8, but was " + maxLength));
        }
        if (threads < 1) {
            problems.add(new SimpleEntry<>("threads", "must be at least 1, but was " + threads));
        }
        if (maxBatch < 1) {
            problems.add(new SimpleEntry<>("max_batch", "must be at least 1, but was " + maxBatch));
        }
        if (queue < 1) {
            problems.add(new SimpleEntry<>("queue", "must be at least 1, but was " + queue));
        }
        return problems;
    }

    /**
     * Reads the shared keys of a section from parsed YAML; the caller has {@link ConfigReader#allow allowed} them
     * ({@link #KEYS}) with its own. {@code type} is checked when present; absent keys take the {@code DEFAULT_*}.
     *
     * @param type        the section's {@code type}
     * @param defaultName the name when none is given, or null when {@code name} is required
     */
    public static ModelSource read(ConfigReader r, String type, String defaultName, boolean configRequired) {
        String found = r.string("type", type);
        if (!r.failed("type") && !type.equals(found)) {
            r.problem("type", "must be " + type + ", but was '" + found + "'");
        }
        String name = r.string("name", defaultName);
        if (name == null && !r.failed("name")) {
            r.problem("name", "is required");
        }
        Path model = r.path("model", true);
        Path tokenizer = r.path("tokenizer", true);
        Path config = r.path("config", configRequired);
        return new ModelSource(name, model, tokenizer, config, r.integer("max_length", DEFAULT_MAX_LENGTH),
                r.integer("threads", DEFAULT_THREADS), r.integer("max_batch", DEFAULT_MAX_BATCH),
                r.integer("queue", DEFAULT_QUEUE));
    }

    /**
     * The problems a parse reports: {@code r}'s own, then each of {@code checked} whose key has not already failed (a
     * value that could not be read is reported once), prefixed with the section's path.
     *
     * @param skip also leaves out the problem under this key (e.g. one that depends on a key that failed), or null
     */
    public static List<String> report(ConfigReader r, String path, List<Map.Entry<String, String>> checked,
                                      Predicate<String> skip) {
        List<String> problems = new ArrayList<>(r.problems());
        for (Map.Entry<String, String> p : checked) {
            String key = p.getKey();
            String top = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            if (!r.failed(top) && !skip.test(key)) {
                problems.add(path + "." + key + ": " + p.getValue());
            }
        }
        return problems;
    }
}
