package dev.rampart.classifier.reward;

import dev.rampart.classifier.config.ConfigReader;
import dev.rampart.classifier.onnx.LoadedModel;
import dev.rampart.classifier.onnx.ModelLoad;
import dev.rampart.classifier.onnx.ModelSource;
import dev.rampart.classifier.onnx.SequenceModel;
import dev.rampart.classifier.onnx.SequenceModelConfig;
import dev.rampart.classifier.onnx.WordPieceTokenizer;
import dev.rampart.classifier.runtime.Outcomes;
import java.nio.file.Path;
import java.util.AbstractMap.SimpleEntry;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
 * <p>Loaded by the same {@link ModelLoad} as the ONNX sequence classifiers; tokenising and inference run on its
 * {@link LoadedModel} worker pool, never on the caller's thread. Failures are values ({@link RewardScores#unscored}:
 * {@code worker queue full}, {@code inference failed: …}, {@code scorer is closed}); results carry no latency (wrap the
 * scorer with {@link RewardScorer#resilient} for timeouts, a breaker and latencies, with
 * {@link RewardScorer#DEFAULT_RESILIENCE} as for remote reward scorers).
 */
public final class OnnxRewardScorer implements RewardScorer {
    /** The value of {@code type} for this scorer in the gateway's configuration. */
    public static final String TYPE = "onnx";

    private final Config config;
    private final int maxLength;
    private final Outcomes<RewardScores> outcomes;
    private final LoadedModel<RewardInput> model;

    /**
     * How to load one ONNX reward model: the {@link ModelSource} every ONNX section has, and the attributes.
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
        public static final int DEFAULT_MAX_LENGTH = ModelSource.DEFAULT_MAX_LENGTH;
        public static final int DEFAULT_THREADS = ModelSource.DEFAULT_THREADS;
        public static final int DEFAULT_MAX_BATCH = ModelSource.DEFAULT_MAX_BATCH;
        public static final int DEFAULT_QUEUE = ModelSource.DEFAULT_QUEUE;
        /** The attributes when none are configured: one scalar {@link RewardConfig#SCALAR_ATTRIBUTE}. */
        public static final List<String> DEFAULT_ATTRIBUTES = List.of(RewardConfig.SCALAR_ATTRIBUTE);

        /** Keys {@link #parse} accepts: {@link ModelSource#KEYS} and {@code attributes}. */
        public static final List<String> KEYS = Stream.concat(ModelSource.KEYS.stream(), Stream.of("attributes"))
                .toList();

        /**
         * Absent attributes are {@link #DEFAULT_ATTRIBUTES}.
         *
         * @throws IllegalArgumentException naming every problem, each with its key and the value found
         */
        public Config {
            attributes = attributes == null ? DEFAULT_ATTRIBUTES : List.copyOf(attributes);
            List<Map.Entry<String, String>> problems = check(new ModelSource(name, model, tokenizer, config,
                    maxLength, threads, maxBatch, queue), attributes);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid " + TYPE + " reward scorer configuration: " + problems.stream()
                        .map(p -> p.getKey() + ": " + p.getValue()).collect(Collectors.joining("; ")));
            }
        }

        /** The name, files, {@code max_length} and worker pool: what {@link ModelLoad} loads. */
        public ModelSource source() {
            return new ModelSource(name, model, tokenizer, config, maxLength, threads, maxBatch, queue);
        }

        private static List<Map.Entry<String, String>> check(ModelSource source, List<String> attributes) {
            List<Map.Entry<String, String>> problems = source.problems(false);
            if (attributes.isEmpty()) {
                problems.add(new SimpleEntry<>("attributes", "must name at least one attribute"));
            }
            Set<String> seen = new HashSet<>();
            for (String a : attributes) {
                if (a == null || !ModelSource.NAME.matcher(a).matches()) {
                    problems.add(new SimpleEntry<>("attributes",
                            "names must be letters, digits, '.', '_' or '-', but one was '" + a + "'"));
                } else if (!seen.add(a)) {
                    problems.add(new SimpleEntry<>("attributes", "names must be unique, but '" + a + "' repeats"));
                }
            }
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
         * The keys every ONNX section has are read by {@link ModelSource#read}; absent keys take the defaults
         * ({@link RewardConfig#DEFAULT_NAME}, {@code DEFAULT_*}); unknown keys are refused.
         *
         * @param yaml the mapping
         * @param path where it is in the file (e.g. {@code classifiers.reward[0]}), prefixed to every problem
         * @throws IllegalArgumentException listing every problem, one per line, each with its path and the value found
         */
        public static Config parse(Map<String, ?> yaml, String path) {
            ConfigReader r = new ConfigReader(yaml, path);
            r.allow(KEYS);
            ModelSource source = ModelSource.read(r, TYPE, RewardConfig.DEFAULT_NAME, false);
            List<String> attributes = r.strings("attributes", "names");
            List<String> problems = ModelSource.report(r, path,
                    check(source, attributes == null ? DEFAULT_ATTRIBUTES : attributes), key -> false);
            if (problems.isEmpty()) {
                return new Config(source.name(), source.model(), source.tokenizer(), source.config(), attributes,
                        source.maxLength(), source.threads(), source.maxBatch(), source.queue());
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

    private OnnxRewardScorer(Config config, ModelLoad load, int maxLength, IntConsumer batchSizes) {
        this.config = config;
        this.maxLength = maxLength;
        this.outcomes = RewardScorer.outcomes(config.name());
        WordPieceTokenizer tokenizer = load.tokenizer();
        this.model = load.finish(config.attributes() + "\n" + maxLength, "rampart-reward-" + config.name(),
                input -> List.of(encode(tokenizer, maxLength, input.prompt(), input.response())), batchSizes);
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
        ModelLoad load = new ModelLoad(config.source(), path);
        SequenceModelConfig hf = load.modelConfig();
        int maxLength = load.maxLength(hf);
        if (maxLength < 8) {
            load.problem("config", "max_position_embeddings " + hf.maxPositionEmbeddings()
                    + " leaves under 8 tokens per pair");
        }
        int width = load.outputWidth(2);
        if (width >= 0 && width != config.attributes().size()) {
            load.problem("attributes", "the model outputs " + width + " value" + (width == 1 ? "" : "s")
                    + " per response, but attributes names " + config.attributes().size() + " " + config.attributes()
                    + "; name one attribute per output, in the model's order"
                    + (width == RewardConfig.HELPSTEER2_ATTRIBUTES.size()
                    ? " (HelpSteer2: " + RewardConfig.HELPSTEER2_ATTRIBUTES + ")" : ""));
        }
        return new OnnxRewardScorer(config, load, maxLength, batchSizes);
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
        return model.revision();
    }

    @Override
    public boolean ready() {
        return !model.closed();
    }

    @Override
    public CompletionStage<RewardScores> score(RewardInput input) {
        return model.run(input, rows -> {
            float[] row = rows[0];
            Map<String, Double> attributes = new LinkedHashMap<>();
            for (int i = 0; i < config.attributes().size(); i++) {
                String attribute = config.attributes().get(i);
                if (!Float.isFinite(row[i])) {
                    return outcomes.failed("model returned a non-finite value for " + attribute);
                }
                attributes.put(attribute, (double) row[i]);
            }
            return RewardScores.scored(name(), attributes);
        }, outcomes);
    }

    /**
     * The model input of a pair: {@code [CLS] prompt [SEP] response [SEP]}, segment 1 from the response on, truncated
     * to {@code maxLength} prompt first (keeping its end), then the response (keeping its beginning).
     */
    SequenceModel.Input encode(String prompt, String response) {
        return encode(model.tokenizer(), maxLength, prompt, response);
    }

    private static SequenceModel.Input encode(WordPieceTokenizer tokenizer, int maxLength, String prompt,
                                              String response) {
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

    /** Stops the worker pool (waiting responses are unscored) and frees the model. Idempotent. */
    @Override
    public void close() {
        model.close();
    }
}
