package dev.rampart.classifier.onnx;

import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.normalize.ReadLimit;
import dev.rampart.classifier.normalize.TextNormalizer;
import dev.rampart.classifier.onnx.SequenceClassifierConfig.Activation;
import dev.rampart.classifier.runtime.MicroBatcher;
import dev.rampart.classifier.runtime.Outcomes;
import dev.rampart.policy.Category;
import dev.rampart.policy.ClassifierScores;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * Any Hugging Face sequence-classification model exported to ONNX ({@code model.onnx}, {@code tokenizer.json},
 * {@code config.json}) as a classifier: a prompt-injection detector, a toxicity model. The model's labels come from
 * its {@code config.json} ({@code id2label}); the configuration maps some of them to taxonomy categories
 * ({@link SequenceClassifierConfig#labels()}) and the others are ignored.
 *
 * <p>A text is normalised ({@link TextNormalizer#forModel}), tokenised, and split into overlapping windows of at most
 * {@code max_length} tokens ({@link TokenWindows#split}); each window's logits become probabilities (softmax or
 * sigmoid, {@link SequenceClassifierConfig#activation()}) and each mapped category scores the highest probability of its
 * labels over all windows — every window, none sampled, so an injection buried deep in a long document is still caught;
 * a text over {@link ReadLimit#DEFAULTS} is an error saying so. Tokenising and inference run
 * on a {@link MicroBatcher} worker pool, never on the caller's thread; windows of texts waiting together are run in
 * batches of up to {@code max_batch}, shortest first to limit padding.
 *
 * <p><b>Tokenizers:</b> only WordPiece {@code tokenizer.json} files are supported (BERT, DistilBERT, MiniLM and their
 * fine-tunes). Any other kind — SentencePiece/Unigram (DeBERTa-v3 based models such as Prompt Guard 2 86M), byte-level
 * BPE (RoBERTa) — is refused at load with the reason ({@link WordPieceTokenizer#fromJson}).
 *
 * <p>The model is loaded synchronously by {@link #load}: the classifier is {@link #ready()} as soon as it exists.
 * Failures are values: a full queue, a failed run or a text the tokenizer cannot read gives
 * {@link ClassifierScores#error} covering every mapped category, so the policy's {@code on_error} applies. The
 * classifier built by {@link #load} owns the model and its pool; the ones built by {@link #forPolicy} share them, and
 * closing one of those does not release them.
 */
public final class OnnxSequenceClassifier implements Classifier {
    private final Loaded runtime;
    private final boolean owner;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OnnxSequenceClassifier(Loaded runtime, boolean owner) {
        this.runtime = runtime;
        this.owner = owner;
    }

    /** Loads the model with no batch-size metrics; problems are prefixed with {@code onnx_sequence '<name>'}. */
    public static OnnxSequenceClassifier load(SequenceClassifierConfig config) {
        return load(config, SequenceClassifierConfig.TYPE + " '" + config.name() + "'", n -> { });
    }

    /**
     * Reads the three files, loads the model (running it once, so a model that cannot run fails here) and starts the
     * worker pool. The taxonomy is not checked here: see {@link #forPolicy}.
     *
     * @param config     the files, label mapping and pool
     * @param path       where the configuration is in its file (e.g. {@code classifiers.remote[1]}), prefixed to every
     *                   problem
     * @param batchSizes told the number of texts in each batch run (for metrics)
     * @throws IllegalArgumentException listing every problem, one per line, each with its path: a file that cannot be
     *                                  read, a tokenizer that is not WordPiece, a label the model does not have, a
     *                                  model ONNX Runtime cannot load, a model whose outputs do not match
     *                                  {@code id2label}, an overlap too large for the capped window
     */
    public static OnnxSequenceClassifier load(SequenceClassifierConfig config, String path, IntConsumer batchSizes) {
        return new OnnxSequenceClassifier(Loaded.load(config, path, batchSizes), true);
    }

    /**
     * This model for a policy: checks that every category the labels map to is in the policy's taxonomy, and returns a
     * classifier sharing this one's model and pool (closing it leaves them running).
     *
     * @param path where the configuration is in its file, prefixed to every problem
     * @throws IllegalArgumentException listing every mapped category the taxonomy lacks, one per line, e.g.
     *                                  {@code classifiers.remote[1].labels.MALICIOUS: category 'prompt_injecton' is not
     *                                  in the policy's taxonomy [...]}
     */
    public OnnxSequenceClassifier forPolicy(List<Category> taxonomy, String path) {
        List<String> problems = runtime.config.taxonomyProblems(taxonomy, path);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new OnnxSequenceClassifier(runtime, false);
    }

    @Override
    public String name() {
        return runtime.config.name();
    }

    /** The taxonomy categories scored, in the configured order. */
    public List<String> covers() {
        return runtime.covers;
    }

    /**
     * The model's identity for cache keys and decision logs: the first 16 hex digits of the SHA-256 of
     * {@code model.onnx}, then 8 of the SHA-256 of the tokenizer, the label mapping, the activation and the windows.
     */
    public String revision() {
        return runtime.model.revision();
    }

    /** The activation in use (configured, or chosen from {@code config.json}). */
    public Activation activation() {
        return runtime.activation;
    }

    /** The windows in use ({@code max_length} after the cap by {@code max_position_embeddings}). */
    public TokenWindows windows() {
        return runtime.windows;
    }

    /** The model's labels, in output order, as {@code config.json} names them. */
    public List<String> modelLabels() {
        return runtime.modelLabels;
    }

    @Override
    public boolean ready() {
        return !closed.get() && !runtime.model.closed();
    }

    @Override
    public CompletionStage<ClassifierScores> classify(ClassificationInput input) {
        if (closed.get()) {
            return CompletableFuture.completedFuture(runtime.outcomes.closed());
        }
        if (input.text().isBlank()) {
            Map<String, Double> zero = new HashMap<>();
            runtime.covers.forEach(id -> zero.put(id, 0.0));
            return CompletableFuture.completedFuture(ClassifierScores.ok(name(), zero, List.of(), runtime.covers));
        }
        java.util.Optional<String> refused = ReadLimit.DEFAULTS.refusal(input.text());
        if (refused.isPresent()) {
            return CompletableFuture.completedFuture(ClassifierScores.error(name(), runtime.covers, refused.get()));
        }
        return runtime.model.run(input.text(), rows -> {
            Map<String, Double> scores = runtime.score(rows);
            return scores == null ? runtime.outcomes.failed("model returned a non-finite score")
                    : ClassifierScores.ok(name(), scores, List.of(), runtime.covers);
        }, runtime.outcomes);
    }

    /** Closes this classifier; the one built by {@link #load} also stops the pool and frees the model. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && owner) {
            runtime.close();
        }
    }

    /** The loaded model, label mapping and windows, shared by a classifier and its {@link #forPolicy} copies. */
    private static final class Loaded {
        private final SequenceClassifierConfig config;
        private final TokenWindows windows;
        private final Activation activation;
        private final List<String> modelLabels;
        private final int[] outputs;
        private final String[] categories;
        private final List<String> covers;
        private final Outcomes<ClassifierScores> outcomes;
        private final LoadedModel<String> model;

        private Loaded(SequenceClassifierConfig config, ModelLoad load, TokenWindows windows, Activation activation,
                       List<String> modelLabels, IntConsumer batchSizes) {
            this.config = config;
            this.windows = windows;
            this.activation = activation;
            this.modelLabels = List.copyOf(modelLabels);
            this.outputs = new int[config.labels().size()];
            this.categories = new String[config.labels().size()];
            int k = 0;
            for (Map.Entry<String, String> e : config.labels().entrySet()) {
                outputs[k] = modelLabels.indexOf(e.getKey());
                categories[k] = e.getValue();
                k++;
            }
            this.covers = config.categories();
            this.outcomes = Outcomes.classifier(config.name(), covers);
            WordPieceTokenizer tokenizer = load.tokenizer();
            this.model = load.finish(config.labels() + "\n" + activation + "\n" + windows,
                    "rampart-onnx-" + config.name(),
                    text -> windows.split(tokenizer.encode(TextNormalizer.forModel(text)), tokenizer.clsId(),
                            tokenizer.sepId()).stream().map(SequenceModel.Input::of).toList(),
                    batchSizes);
        }

        static Loaded load(SequenceClassifierConfig config, String path, IntConsumer batchSizes) {
            ModelLoad load = new ModelLoad(config.source(), path);
            SequenceModelConfig hf = load.modelConfig();
            if (hf != null && hf.labels().isEmpty()) {
                load.problem("config", config.config() + " has no id2label, so the model's outputs cannot be matched "
                        + "to labels");
                hf = null;
            }
            Activation activation = config.activation();
            TokenWindows windows = null;
            if (hf != null) {
                for (String label : config.labels().keySet()) {
                    if (!hf.labels().contains(label)) {
                        load.problem("labels." + label, "the model has no label '" + label
                                + "'; config.json id2label names " + hf.labels());
                    }
                }
                if (activation == null) {
                    activation = hf.multiLabel() || hf.labels().size() == 1 ? Activation.SIGMOID : Activation.SOFTMAX;
                } else if (activation == Activation.SOFTMAX && hf.labels().size() == 1) {
                    load.problem("activation", "softmax over a single output is always 1; use sigmoid");
                }
                int maxLength = load.maxLength(hf);
                String capped = maxLength == config.maxLength() ? "" : " (max_length " + config.maxLength()
                        + " is capped at config.json max_position_embeddings " + maxLength + ")";
                if (maxLength < 8) {
                    load.problem("config", "max_position_embeddings " + maxLength + " leaves windows under 8 tokens");
                } else if (config.overlap() >= maxLength - 2) {
                    load.problem("overlap", "must be less than max_length - 2 (" + (maxLength - 2) + ")" + capped
                            + ", but was " + config.overlap());
                } else {
                    windows = new TokenWindows(maxLength, config.overlap(), config.maxWindows());
                }
            }
            int width = load.outputWidth(1);
            if (hf != null && width >= 0 && width != hf.labels().size()) {
                load.problem("model", "the model outputs " + width + " values per text, but config.json id2label "
                        + "names " + hf.labels().size() + " labels " + hf.labels());
            }
            return new Loaded(config, load, windows, activation, hf == null ? List.of() : hf.labels(), batchSizes);
        }

        /** Each mapped category's highest probability over the windows; null when the model gave a non-finite value. */
        Map<String, Double> score(float[][] rows) {
            Map<String, Double> out = new HashMap<>();
            covers.forEach(id -> out.put(id, 0.0));
            for (float[] row : rows) {
                double[] p = activate(row);
                for (int k = 0; k < outputs.length; k++) {
                    double v = p[outputs[k]];
                    if (!(v >= 0 && v <= 1)) {
                        return null;
                    }
                    out.merge(categories[k], v, Math::max);
                }
            }
            return out;
        }

        private double[] activate(float[] logits) {
            double[] p = new double[logits.length];
            if (activation == Activation.SIGMOID) {
                for (int i = 0; i < logits.length; i++) {
                    p[i] = 1.0 / (1.0 + Math.exp(-logits[i]));
                }
                return p;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (float l : logits) {
                max = Math.max(max, l);
            }
            double sum = 0;
            for (int i = 0; i < logits.length; i++) {
                p[i] = Math.exp(logits[i] - max);
                sum += p[i];
            }
            for (int i = 0; i < p.length; i++) {
                p[i] /= sum;
            }
            return p;
        }

        void close() {
            model.close();
        }
    }
}
