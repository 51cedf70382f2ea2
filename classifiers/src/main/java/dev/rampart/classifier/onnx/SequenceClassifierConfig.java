package dev.rampart.classifier.onnx;

import dev.rampart.classifier.config.ConfigReader;
import dev.rampart.policy.Category;
import java.nio.file.Path;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How to load and read one Hugging Face sequence-classification model exported to ONNX, for
 * {@link OnnxSequenceClassifier}: the three files of the export, which of the model's labels score which taxonomy
 * category, and the worker pool.
 *
 * <p>Only WordPiece ({@code "model": {"type": "WordPiece"}}) tokenizers are supported — BERT, DistilBERT, MiniLM and
 * their fine-tunes. A {@code tokenizer.json} of any other kind (SentencePiece/Unigram as in DeBERTa-v3 based models,
 * e.g. Prompt Guard 2 86M, or byte-level BPE as in RoBERTa) is refused at load with the reason.
 *
 * @param name       the classifier's name in decisions, metrics and logs
 * @param model      the {@code model.onnx} file
 * @param tokenizer  the {@code tokenizer.json} file
 * @param config     the model's {@code config.json} file (its {@code id2label} names the outputs)
 * @param labels     model label (as in {@code id2label}) to taxonomy category id, in the configured order; labels not
 *                   listed are ignored; several labels may score the same category (the highest wins)
 * @param activation how logits become scores; null: {@link Activation#SIGMOID} when {@code config.json} says
 *                   {@code "problem_type": "multi_label_classification"} or the model has a single output, else
 *                   {@link Activation#SOFTMAX}
 * @param maxLength  tokens per window, {@code [CLS]} and {@code [SEP]} included; capped at load by
 *                   {@code max_position_embeddings} of {@code config.json}
 * @param overlap    tokens shared by consecutive windows of a long text
 * @param maxWindows most windows per text; every window is scored, and a text needing more is refused whole (an
 *                   error: {@code on_error} applies), never sampled
 * @param threads    inference worker threads
 * @param maxBatch   most windows per inference run (texts waiting together are batched up to this)
 * @param queue      most texts waiting; beyond it a classification fails at once ({@code on_error} applies)
 */
public record SequenceClassifierConfig(
        String name,
        Path model,
        Path tokenizer,
        Path config,
        Map<String, String> labels,
        Activation activation,
        int maxLength,
        int overlap,
        int maxWindows,
        int threads,
        int maxBatch,
        int queue) {

    /** The value of {@code type} for this classifier in the gateway's configuration. */
    public static final String TYPE = "onnx_sequence";
    public static final int DEFAULT_MAX_LENGTH = ModelSource.DEFAULT_MAX_LENGTH;
    public static final int DEFAULT_OVERLAP = 64;
    /** Enough for the classifiers' default read limit (200,000 chars) even at one token per char and 512-token windows. */
    public static final int DEFAULT_MAX_WINDOWS = 512;
    public static final int DEFAULT_THREADS = ModelSource.DEFAULT_THREADS;
    public static final int DEFAULT_MAX_BATCH = ModelSource.DEFAULT_MAX_BATCH;
    public static final int DEFAULT_QUEUE = ModelSource.DEFAULT_QUEUE;

    /** Keys {@link #parse} accepts: {@link ModelSource#KEYS} and this section's own. */
    public static final List<String> KEYS = Stream.concat(ModelSource.KEYS.stream(),
            Stream.of("labels", "activation", "overlap", "max_windows")).toList();


    /** How a row of logits becomes scores in [0, 1]. */
    public enum Activation {
        /** Softmax over every output: the labels exclude each other (single-label classification). */
        SOFTMAX,
        /** A sigmoid per output: each label is scored on its own (multi-label classification, or one output). */
        SIGMOID;

        /** The value in the configuration. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** @throws IllegalArgumentException naming every problem, each with its key and the value found */
    public SequenceClassifierConfig {
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        List<Map.Entry<String, String>> problems = check(new ModelSource(name, model, tokenizer, config, maxLength,
                threads, maxBatch, queue), labels, overlap, maxWindows);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid " + TYPE + " classifier configuration: " + problems.stream()
                    .map(p -> p.getKey() + ": " + p.getValue()).collect(Collectors.joining("; ")));
        }
    }

    /** The name, files, {@code max_length} and worker pool: what {@link ModelLoad} loads. */
    public ModelSource source() {
        return new ModelSource(name, model, tokenizer, config, maxLength, threads, maxBatch, queue);
    }

    private static List<Map.Entry<String, String>> check(ModelSource source, Map<String, String> labels, int overlap,
                                                         int maxWindows) {
        List<Map.Entry<String, String>> problems = source.problems(true);
        if (labels.isEmpty()) {
            problems.add(new SimpleEntry<>("labels", "must map at least one model label to a taxonomy category, "
                    + "e.g. {MALICIOUS: prompt_injection}"));
        }
        labels.forEach((label, category) -> {
            if (label == null || label.isBlank()) {
                problems.add(new SimpleEntry<>("labels", "model label names must not be blank"));
            } else if (category == null || category.isBlank()) {
                problems.add(new SimpleEntry<>("labels." + label, "must be a taxonomy category id, but was '"
                        + category + "'"));
            }
        });
        int maxLength = source.maxLength();
        if (overlap < 0 || (maxLength >= 8 && overlap >= maxLength - 2)) {
            problems.add(new SimpleEntry<>("overlap", "must be at least 0 and less than max_length - 2 ("
                    + (maxLength - 2) + "), but was " + overlap));
        }
        if (maxWindows < 1) {
            problems.add(new SimpleEntry<>("max_windows", "must be at least 1, but was " + maxWindows));
        }
        return problems;
    }

    /**
     * Reads a configuration from parsed YAML, e.g. one entry of the gateway's {@code classifiers.models} list:
     * <pre>
     * - type: onnx_sequence              # checked when present
     *   name: injection-guard
     *   model: /models/guard/model.onnx
     *   tokenizer: /models/guard/tokenizer.json   # WordPiece only
     *   config: /models/guard/config.json         # id2label names the outputs
     *   labels: { MALICIOUS: prompt_injection }   # model label: category id; other labels are ignored
     *   activation: softmax              # softmax | sigmoid; default from config.json (see activation())
     *   max_length: 512                  # capped by config.json max_position_embeddings
     *   overlap: 64
     *   max_windows: 512
     *   threads: 2
     *   max_batch: 16
     *   queue: 1024
     * </pre>
     * The keys every ONNX section has are read by {@link ModelSource#read}; absent keys take the defaults
     * ({@code DEFAULT_*}); unknown keys are refused. The taxonomy is checked later, when the classifier is built for a
     * policy ({@link #taxonomyProblems}).
     *
     * @param yaml the mapping
     * @param path where it is in the file (e.g. {@code classifiers.models[1]}), prefixed to every problem
     * @throws IllegalArgumentException listing every problem, one per line, each with its path and the value found
     */
    public static SequenceClassifierConfig parse(Map<String, ?> yaml, String path) {
        ConfigReader r = new ConfigReader(yaml, path);
        r.allow(KEYS);
        ModelSource source = ModelSource.read(r, TYPE, null, true);
        Map<String, String> labels = r.labelMap("labels", "a taxonomy category id");
        if (labels == null && !r.failed("labels")) {
            r.problem("labels", "is required: a mapping of model labels to taxonomy categories, "
                    + "e.g. {MALICIOUS: prompt_injection}");
        }
        Activation activation = null;
        String act = r.string("activation", null);
        if (act != null) {
            try {
                activation = Activation.valueOf(act.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                r.problem("activation", "must be softmax or sigmoid, but was '" + act + "'");
            }
        }
        int overlap = r.integer("overlap", DEFAULT_OVERLAP);
        int maxWindows = r.integer("max_windows", DEFAULT_MAX_WINDOWS);
        List<String> problems = ModelSource.report(r, path,
                check(source, labels == null ? Map.of() : labels, overlap, maxWindows),
                key -> "overlap".equals(key) && r.failed("max_length"));
        if (problems.isEmpty()) {
            return new SequenceClassifierConfig(source.name(), source.model(), source.tokenizer(), source.config(),
                    labels, activation, source.maxLength(), overlap, maxWindows, source.threads(), source.maxBatch(),
                    source.queue());
        }
        throw new IllegalArgumentException(String.join("\n", problems));
    }

    /**
     * The problems of this configuration against a policy's taxonomy: every mapped category must be one of its ids.
     *
     * @param path where the configuration is in its file, prefixed to every problem, e.g.
     *             {@code classifiers.remote[1].labels.MALICIOUS: category 'prompt_injecton' is not in the policy's
     *             taxonomy}
     * @return the problems, empty when every category is known
     */
    public List<String> taxonomyProblems(List<Category> taxonomy, String path) {
        Set<String> ids = taxonomy.stream().map(Category::id).collect(Collectors.toCollection(java.util.TreeSet::new));
        List<String> problems = new ArrayList<>();
        labels.forEach((label, category) -> {
            if (!ids.contains(category)) {
                problems.add(path + ".labels." + label + ": category '" + category
                        + "' is not in the policy's taxonomy " + ids);
            }
        });
        return problems;
    }

    /** The taxonomy categories the labels map to, without repeats, in the configured order. */
    public List<String> categories() {
        return labels.values().stream().distinct().toList();
    }

    /** A builder with the defaults for everything but the name and the three files. */
    public static Builder builder(String name, Path model, Path tokenizer, Path config) {
        return new Builder(name, model, tokenizer, config);
    }

    /** Defaults: the {@code DEFAULT_*} constants, activation from {@code config.json}. */
    public static final class Builder {
        private final String name;
        private final Path model;
        private final Path tokenizer;
        private final Path config;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private Activation activation;
        private int maxLength = DEFAULT_MAX_LENGTH;
        private int overlap = DEFAULT_OVERLAP;
        private int maxWindows = DEFAULT_MAX_WINDOWS;
        private int threads = DEFAULT_THREADS;
        private int maxBatch = DEFAULT_MAX_BATCH;
        private int queue = DEFAULT_QUEUE;

        private Builder(String name, Path model, Path tokenizer, Path config) {
            this.name = name;
            this.model = model;
            this.tokenizer = tokenizer;
            this.config = config;
        }

        /** Maps a model label to a taxonomy category id. */
        public Builder label(String label, String category) {
            labels.put(label, category);
            return this;
        }

        public Builder activation(Activation value) {
            this.activation = value;
            return this;
        }

        public Builder maxLength(int value) {
            this.maxLength = value;
            return this;
        }

        public Builder overlap(int value) {
            this.overlap = value;
            return this;
        }

        public Builder maxWindows(int value) {
            this.maxWindows = value;
            return this;
        }

        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        public Builder maxBatch(int value) {
            this.maxBatch = value;
            return this;
        }

        public Builder queue(int value) {
            this.queue = value;
            return this;
        }

        public SequenceClassifierConfig build() {
            return new SequenceClassifierConfig(name, model, tokenizer, config, labels, activation, maxLength, overlap,
                    maxWindows, threads, maxBatch, queue);
        }
    }
}
