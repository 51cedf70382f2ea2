package dev.rampart.classifier.reward;

import dev.rampart.classifier.config.ConfigReader;
import dev.rampart.classifier.onnx.ModelFiles;
import dev.rampart.classifier.onnx.ModelSection;
import dev.rampart.classifier.onnx.SequenceModel;
import dev.rampart.classifier.onnx.SequenceModelConfig;
import dev.rampart.classifier.onnx.WordPieceTokenizer;
import dev.rampart.classifier.runtime.MicroBatcher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

/**
 * A reward model run in-process with ONNX Runtime: a Hugging Face sequence-classification export whose head has one
 * output (a scalar {@code reward}) or several (e.g. the five HelpSteer2 attributes), read as raw values — no
 * activation. The configuration names the outputs in order ({@link Config#attributes()}); a model whose output count
 * differs is refused at load.
 *
 * <p>The prompt and the response are read as a text pair, {@code [CLS] prompt [SEP] response [SEP]}, with
 * {@code token_type_ids} 1 for the response and its {@code [SEP]} when the model takes that input. A pair longer than
 * {@code max_length} tokens is truncated prompt first, keeping the prompt's end (the part nearest the response);
 * only when the response alone does not fit is it cut too, keeping its beginning. Earlier conversation turns
 * ({@link RewardInput#conversation()}) are not read. Texts are not normalised: a reward model judges the response as
 * written. Only WordPiece tokenizers are supported (see {@link WordPieceTokenizer#fromJson}).
 *
 * <p>Tokenising and inference run on a {@link MicroBatcher} worker pool, never on the caller's thread. Failures are
 * values ({@link RewardScores#unscored}: {@code worker queue full}, {@code inference failed: …}, {@code scorer is
 * closed}); results carry no latency (wrap the scorer in {@link ResilientRewardScorer} for timeouts, a breaker and
 * latencies).
 */
public final class OnnxRewardScorer implements RewardScorer {
    /** The value of {@code type} for this scorer in the gateway's configuration. */
    public static final String TYPE = "onnx";

    private final Config config;
    private final SequenceModel model;
    private final WordPieceTokenizer tokenizer;
    private final int maxLength;
    private final String revision;
    private final MicroBatcher<RewardInput, float[]> batcher;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * How to load one ONNX reward model.
     *
     * @param name       the scorer's name in results, metrics and logs
     * @param model      the {@code model.onnx} file
     * @param tokenizer  the {@code tokenizer.json} file (WordPiece only)
     * @param config     the model's {@code config.json}, or null; only its {@code max_position_embeddings} is read, to cap
     *                   {@code maxLength}
     * @param attributes the name of each model output, in order ({@code [reward]} for a scalar reward model)
     * @param maxLength  most tokens per prompt-response pair, special tokens included
     * @param threads    inference worker threads
     * @param maxBatch   most pairs per inference run
     * @param queue      most pairs waiting; beyond it a response is unscored at once
     */
    public record Config(String name, Path model, Path tokenizer, Path config, List<String> attributes, int maxLength,
                         int threads, int maxBatch, int queue) {
        public static final int DEFAULT_MAX_LENGTH = 512;
        public static final int DEFAULT_THREADS = 2;
        public static final int DEFAULT_MAX_BATCH = 16;
        public static final int DEFAULT_QUEUE = 1024;
        /** The attributes when none are configured: one scalar {@link RewardConfig#SCALAR_ATTRIBUTE}. */
        public static final List<String> DEFAULT_ATTRIBUTES = List.of(RewardConfig.SCALAR_ATTRIBUTE);

        /** Keys {@link #parse} accepts. */
        public static final List<String> KEYS = List.of("type", "name", "model", "tokenizer", "config", "attributes",
                "max_length", "threads", "max_batch", "queue");


        /**
         * Absent attributes are {@link #DEFAULT_ATTRIBUTES}.
         *
         * @throws IllegalArgumentException naming every problem, each with its key and the value found
         */
        public Config {
            attributes = attributes == null ? DEFAULT_ATTRIBUTES : List.copyOf(attributes);
            List<Map.Entry<String, String>> problems = check(name, model, tokenizer, attributes, maxLength, threads,
                    maxBatch, queue);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid " + TYPE + " reward scorer configuration: " + problems.stream()
                        .map(p -> p.getKey() + ": " + p.getValue()).collect(Collectors.joining("; ")));
            }
        }

        private static List<Map.Entry<String, String>> check(String name, Path model, Path tokenizer,
                                                             List<String> attributes, int maxLength, int threads,
                                                             int maxBatch, int queue) {
            List<Map.Entry<String, String>> problems = new ArrayList<>();
            ModelSection.checkName(name, problems);
            ModelSection.checkFiles(model, tokenizer, problems);
            if (attributes.isEmpty()) {
                problems.add(new SimpleEntry<>("attributes", "must name at least one attribute"));
            }
            Set<String> seen = new HashSet<>();
            for (String a : attributes) {
                if (a == null || !ModelSection.NAME.matcher(a).matches()) {
                    problems.add(new SimpleEntry<>("attributes",
                            "names must be letters, digits, '.', '_' or '-', but one was '" + a + "'"));
                } else if (!seen.add(a)) {
                    problems.add(new SimpleEntry<>("attributes", "names must be unique, but '" + a + "' repeats"));
                }
            }
            ModelSection.checkMaxLength(maxLength, problems);
            ModelSection.checkWorkers(threads, maxBatch, queue, problems);
            return problems;
        }

        /**
         * Reads a configuration from parsed YAML, e.g. one entry of the gateway's {@code classifiers.reward} list:
         * <pre>
         * - type: onnx                       # checked when present
         *   name: helpsteer-local
         *   model: /models/reward/model.onnx
         *   tokenizer: /models/reward/tokenizer.json   # WordPiece only
         *   config: /models/reward/config.json         # optional: caps max_length
         *   attributes: [helpfulness, correctness, coherence, complexity, verbosity]   # default [reward]
         *   max_length: 512
         *   threads: 2
         *   max_batch: 16
         *   queue: 1024
         * </pre>
         * Absent keys take the defaults ({@link RewardConfig#DEFAULT_NAME}, {@code DEFAULT_*}); unknown keys are refused.
         *
         * @param yaml the mapping
         * @param path where it is in the file (e.g. {@code classifiers.reward[0]}), prefixed to every problem
         * @throws IllegalArgumentException listing every problem, one per line, each with its path and the value found
         */
        public static Config parse(Map<String, ?> yaml, String path) {
            ConfigReader r = new ConfigReader(yaml, path);
            r.allow(KEYS);
            String type = r.string("type", TYPE);
            if (!r.failed("type") && !TYPE.equals(type)) {
                r.problem("type", "must be " + TYPE + ", but was '" + type + "'");
            }
            String name = r.string("name", RewardConfig.DEFAULT_NAME);
            Path model = r.path("model", true);
            Path tokenizer = r.path("tokenizer", true);
            Path config = r.path("config", false);
            List<String> attributes = r.strings("attributes", "names");
            int maxLength = r.integer("max_length", DEFAULT_MAX_LENGTH);
            int threads = r.integer("threads", DEFAULT_THREADS);
            int maxBatch = r.integer("max_batch", DEFAULT_MAX_BATCH);
            int queue = r.integer("queue", DEFAULT_QUEUE);
            List<String> problems = new ArrayList<>(r.problems());
            for (Map.Entry<String, String> p : check(name, model == null ? Path.of("x") : model,
                    tokenizer == null ? Path.of("x") : tokenizer, attributes == null ? DEFAULT_ATTRIBUTES : attributes,
                    maxLength, threads, maxBatch, queue)) {
                if (!r.failed(p.getKey())) {
                    problems.add(path + "." + p.getKey() + ": " + p.getValue());
                }
            }
            if (problems.isEmpty()) {
                return new Config(name, model, tokenizer, config, attributes, maxLength, threads, maxBatch, queue);
            }
            throw new IllegalArgumentException(String.join("\n", problems));
        }

        /** A configuration with the defaults for everything but the name, the two files and the attributes. */
        public static Config of(String name, Path model, Path tokenizer, List<String> attributes) {
            return new Config(name, model, tokenizer, null, attributes, DEFAULT_MAX_LENGTH, DEFAULT_THREADS,
                    DEFAULT_MAX_BATCH, DEFAULT_QUEUE);
        }

        /** This configuration with another {@code max_length}. */
        public Config withMaxLength(int value) {
            return new Config(name, model, tokenizer, config, attributes, value, threads, maxBatch, queue);
        }

        /** This configuration with a {@code config.json}. */
        public Config withConfig(Path value) {
            return new Config(name, model, tokenizer, value, attributes, maxLength, threads, maxBatch, queue);
        }
    }

    private OnnxRewardScorer(Config config, SequenceModel model, WordPieceTokenizer tokenizer, int maxLength,
                             String revision, IntConsumer batchSizes) {
        this.config = config;
        this.model = model;
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
        this.revision = revision;
        this.batcher = new MicroBatcher<>("rampart-reward-" + config.name(), config.threads(), config.maxBatch(),
                config.queue(), this::runBatch, batchSizes);
    }

    /** Loads the model with no batch-size metrics; problems are prefixed with {@code onnx reward '<name>'}. */
    public static OnnxRewardScorer load(Config config) {
        return load(config, TYPE + " reward '" + config.name() + "'", n -> { });
    }

    /**
     * Reads the files, loads the model, runs it once to count its outputs, and starts the worker pool.
     *
     * @param path       where the configuration is in its file (e.g. {@code classifiers.reward[0]}), prefixed to every
     *                   problem
     * @param batchSizes told the number of pairs in each batch run (for metrics)
     * @throws IllegalArgumentException listing every problem, one per line, each with its path: a file that cannot be
     *                                  read, a tokenizer that is not WordPiece, a model ONNX Runtime cannot load, a
     *                                  model whose output count is not the number of attributes
     */
    public static OnnxRewardScorer load(Config config, String path, IntConsumer batchSizes) {
        List<String> problems = new ArrayList<>();
        byte[] modelBytes = ModelFiles.read(config.model(), path + ".model", problems);
        byte[] tokenizerBytes = ModelFiles.read(config.tokenizer(), path + ".tokenizer", problems);
        WordPieceTokenizer tokenizer = ModelSection.tokenizer(tokenizerBytes, config.tokenizer(), path + ".tokenizer",
                problems);
        int maxLength = config.maxLength();
        if (config.config() != null) {
            byte[] configBytes = ModelFiles.read(config.config(), path + ".config", problems);
            if (configBytes != null) {
                try {
                    int positions = SequenceModelConfig.read(configBytes).maxPositionEmbeddings();
                    if (positions > 0 && positions < maxLength) {
                        maxLength = positions;
                    }
                    if (maxLength < 8) {
                        problems.add(path + ".config: max_position_embeddings " + positions
                                + " leaves under 8 tokens per pair");
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(path + ".config: " + config.config() + ": " + e.getMessage());
                }
            }
        }
        SequenceModel model = null;
        if (modelBytes != null) {
            try {
                model = SequenceModel.load(modelBytes, 1);
                if (tokenizer != null) {
                    int[] probe = {tokenizer.clsId(), tokenizer.sepId(), tokenizer.sepId()};
                    int width = model.outputWidth(probe, tokenizer.padId());
                    if (width != config.attributes().size()) {
                        problems.add(path + ".attributes: the model outputs " + width + " value"
                                + (width == 1 ? "" : "s") + " per response, but attributes names "
                                + config.attributes().size() + " " + config.attributes()
                                + "; name one attribute per output, in the model's order"
                                + (width == RewardConfig.HELPSTEER2_ATTRIBUTES.size()
                                ? " (HelpSteer2: " + RewardConfig.HELPSTEER2_ATTRIBUTES + ")" : ""));
                    }
                }
            } catch (IllegalArgumentException e) {
                problems.add(path + ".model: " + config.model() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            if (model != null) {
                model.close();
            }
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        String settings = new String(tokenizerBytes, StandardCharsets.UTF_8) + "\n" + config.attributes() + "\n"
                + maxLength;
        String revision = ModelFiles.revision(modelBytes, settings);
        return new OnnxRewardScorer(config, model, tokenizer, maxLength, revision, batchSizes);
    }

    @Override
    public String name() {
        return config.name();
    }

    /** The attribute of each model output, in order. */
    public List<String> attributes() {
        return config.attributes();
    }

    /** Tokens per pair after the cap by {@code max_position_embeddings}. */
    public int maxLength() {
        return maxLength;
    }

    /**
     * The model's identity for decision logs: the first 16 hex digits of the SHA-256 of {@code model.onnx}, then 8 of
     * the SHA-256 of the tokenizer, the attributes and {@code max_length}.
     */
    public String revision() {
        return revision;
    }

    @Override
    public boolean ready() {
        return !closed.get();
    }

    @Override
    public CompletionStage<RewardScores> score(RewardInput input) {
        if (closed.get()) {
            return CompletableFuture.completedFuture(RewardScores.unscored(name(), "scorer is closed"));
        }
        CompletableFuture<float[]> values;
        try {
            values = batcher.submit(input);
        } catch (RuntimeException e) {
            values = CompletableFuture.failedFuture(e);
        }
        return values.handle((row, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                String reason = cause instanceof RejectedExecutionException
                        ? ("closed".equals(cause.getMessage()) ? "scorer is closed" : "worker queue full")
                        : "inference failed: " + cause.getClass().getSimpleName();
                return RewardScores.unscored(name(), reason);
            }
            if (row == null) {
                return RewardScores.unscored(name(), "tokenizer failed");
            }
            Map<String, Double> attributes = new LinkedHashMap<>();
            for (int i = 0; i < config.attributes().size(); i++) {
                String attribute = config.attributes().get(i);
                if (!Float.isFinite(row[i])) {
                    return RewardScores.unscored(name(), "model returned a non-finite value for " + attribute);
                }
                attributes.put(attribute, (double) row[i]);
            }
            return RewardScores.scored(name(), attributes);
        });
    }

    /**
     * The model input of a pair: {@code [CLS] prompt [SEP] response [SEP]}, segment 1 from the response on, truncated
     * to {@code maxLength} prompt first (keeping its end), then the response (keeping its beginning).
     */
    SequenceModel.Input encode(String prompt, String response) {
        int[] p = tokenizer.encode(prompt);
        int[] r = tokenizer.encode(response);
        int budget = maxLength - 3;
        if (p.length + r.length > budget) {
            int keepPrompt = Math.max(0, budget - r.length);
            if (keepPrompt < p.length) {
                p = Arrays.copyOfRange(p, p.length - keepPrompt, p.length);
            }
            if (r.length > budget - p.length) {
                r = Arrays.copyOf(r, budget - p.length);
            }
        }
        int[] ids = new int[p.length + r.length + 3];
        int[] types = new int[ids.length];
        ids[0] = tokenizer.clsId();
        System.arraycopy(p, 0, ids, 1, p.length);
        ids[p.length + 1] = tokenizer.sepId();
        System.arraycopy(r, 0, ids, p.length + 2, r.length);
        ids[ids.length - 1] = tokenizer.sepId();
        Arrays.fill(types, p.length + 2, types.length, 1);
        return new SequenceModel.Input(ids, types);
    }

    /** On a worker: encodes each pair and runs them, shortest first, in runs of {@code max_batch}. */
    private List<float[]> runBatch(List<RewardInput> inputs) {
        List<float[]> out = new ArrayList<>(inputs.size());
        List<SequenceModel.Input> encoded = new ArrayList<>(inputs.size());
        List<Integer> order = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            out.add(null);
            SequenceModel.Input in;
            try {
                in = encode(inputs.get(i).prompt(), inputs.get(i).response());
            } catch (RuntimeException e) {
                in = null;
            }
            encoded.add(in);
            if (in != null) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingInt(i -> encoded.get(i).ids().length));
        for (int from = 0; from < order.size(); from += config.maxBatch()) {
            List<Integer> chunk = order.subList(from, Math.min(order.size(), from + config.maxBatch()));
            float[][] rows = model.run(chunk.stream().map(encoded::get).toList(), tokenizer.padId());
            for (int j = 0; j < chunk.size(); j++) {
                out.set(chunk.get(j), rows[j]);
            }
        }
        return out;
    }

    /** Stops the worker pool (waiting responses are unscored) and frees the model. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            batcher.close();
            model.close();
        }
    }
}
