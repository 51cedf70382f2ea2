package dev.rampart.classifier.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.classifier.embedded.Mlp;
import dev.rampart.classifier.embedded.SafetyHead;
import dev.rampart.classifier.normalize.TextNormalizer;
import dev.rampart.classifier.onnx.ModelFiles;
import dev.rampart.classifier.onnx.SentenceEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@code rampart train}: embeds labelled texts with the encoder, trains the {@link SafetyHead} and reports figures on a
 * held-out split (a fixed fraction chosen by a hash of each text, so the same data always splits the same way) before
 * training the shipped head on everything. Deterministic for a given seed and data.
 *
 * <p>Examples are weighted so that each class weighs the same and, within a class, a large data set does not drown
 * the small ones (weight ∝ 1/√(examples from its source)).
 */
public final class HeadTrainer {
    /**
     * Sources not repeated in context: tweets and moderation test cases are not assistant turns (benign chat around
     * them is unnatural), and maths problems and their instruction forms need no more weight.
     */
    static final java.util.Set<String> WITHOUT_CONTEXT = java.util.Set.of("toxigen", "hatecheck", "davidson", "gsm8k");

    private final SentenceEncoder encoder;
    private final NetworkTrainer trainer;
    private final double holdout;
    private final Consumer<String> report;

    public HeadTrainer(SentenceEncoder encoder, NetworkTrainer trainer, double holdout, Consumer<String> report) {
        if (!(holdout >= 0 && holdout < 1)) {
            throw new IllegalArgumentException("holdout must be in [0, 1), but was " + holdout);
        }
        this.encoder = encoder;
        this.trainer = trainer;
        this.holdout = holdout;
        this.report = report;
    }

    /** Trains on {@code examples}; categories outside {@code taxonomy} are ignored by the category head. */
    public SafetyHead train(List<LabeledText> examples, List<String> taxonomy) {
        List<LabeledText> data = dedupe(examples);
        data.addAll(inContext(data, trainer.seed()));
        report.accept("embedding " + data.size() + " texts with " + encoder.revision());
        float[][] x = embed(data);
        boolean[] y = new boolean[data.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = data.get(i).unsafe();
        }
        ObjectNode provenance = new ObjectMapper().createObjectNode();
        provenance.put("encoder_revision", encoder.revision());
        provenance.put("seed", trainer.seed());
        provenance.put("hidden", trainer.hidden());
        provenance.put("epochs", trainer.epochs());
        provenance.put("learning_rate", trainer.rate());
        provenance.put("weight_decay", trainer.decay());
        provenance.put("holdout", holdout);
        ObjectNode counts = provenance.putObject("examples");
        sourceCounts(data).forEach((k, v) -> counts.put(k, v));
        // The held-out fit and the shipped fit are independent and each deterministic: run them on two threads.
        CompletableFuture<Void> figures = CompletableFuture.completedFuture(null);
        if (holdout > 0) {
            ObjectNode heldOut = provenance.putObject("held_out");
            figures = CompletableFuture.runAsync(() -> heldOut(data, x, y, heldOut),
                    runnable -> new Thread(runnable, "rampart-train-held-out").start());
        }
        Mlp unsafe = trainer.trainBinary(x, y, weights(data, allIndices(data.size())));
        try {
            figures.join();
        } catch (java.util.concurrent.CompletionException e) {
            // the held-out fit's own failure, as if it had run on this thread
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        List<String> ids = new ArrayList<>();
        double[][] softmax = categoryHead(data, x, taxonomy, ids);
        float[][] w = new float[ids.size()][x[0].length];
        float[] b = new float[ids.size()];
        for (int c = 0; c < ids.size(); c++) {
            for (int j = 0; j < x[0].length; j++) {
                w[c][j] = (float) softmax[c][j];
            }
            b[c] = (float) softmax[c][x[0].length];
        }
        report.accept("category head over " + ids);
        return new SafetyHead(encoder.revision(), true, unsafe, ids, w, b, provenance);
    }

    /**
     * Augmentation: each example again with one or two benign sentences from another example around it, keeping its
     * label (except the {@link #WITHOUT_CONTEXT} sources). Windows of real traffic mix an unsafe sentence with benign ones; the head must not be fooled by the
     * company (nor learn that length or mixing means unsafe: benign texts get the same treatment). Augmented copies
     * are tagged with their source plus {@code +context}, and are never in the held-out split of another text's figures
     * (they are held out exactly when their original is).
     */
    static List<LabeledText> inContext(List<LabeledText> data, long seed) {
        List<String> benign = new ArrayList<>();
        for (LabeledText t : data) {
            if (!t.unsafe() && t.text().length() <= 160 && !t.text().contains("\n")) {
                benign.add(t.text().strip());
            }
        }
        List<LabeledText> out = new ArrayList<>();
        if (benign.isEmpty()) {
            return out;
        }
        java.util.Random random = new java.util.Random(seed * 31 + 5);
        for (LabeledText t : data) {
            if (t.text().length() > 240 || WITHOUT_CONTEXT.contains(t.source())) {
                continue;
            }
            String before = benign.get(random.nextInt(benign.size()));
            String after = benign.get(random.nextInt(benign.size()));
            String text = switch (random.nextInt(3)) {
                case 0 -> sentence(before) + " " + t.text().strip();
                case 1 -> t.text().strip() + " " + sentence(after);
                default -> sentence(before) + " " + t.text().strip() + " " + sentence(after);
            };
            out.add(new LabeledText(text, t.unsafe(), t.category(), t.source() + "+context", t.text()));
        }
        return out;
    }

    private static String sentence(String s) {
        return s.matches(".*[.!?]$") ? s : s + ".";
    }

    private void heldOut(List<LabeledText> data, float[][] x, boolean[] y, ObjectNode out) {
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            (inHoldout(data.get(i).origin()) ? test : train).add(i);
        }
        Mlp model = trainer.trainBinary(select(x, train), select(y, train), weights(data, train));
        Map<String, List<Integer>> bySource = new TreeMap<>();
        for (int i : test) {
            bySource.computeIfAbsent(data.get(i).source(), k -> new ArrayList<>()).add(i);
        }
        bySource.put("ALL", test);
        report.accept("held-out " + test.size() + " of " + data.size() + " (trained on the other " + train.size() + "):");
        bySource.forEach((source, idx) -> {
            double[] s = new double[idx.size()];
            boolean[] l = new boolean[idx.size()];
            boolean[] p = new boolean[idx.size()];
            for (int k = 0; k < idx.size(); k++) {
                s[k] = model.probability(x[idx.get(k)]);
                l[k] = y[idx.get(k)];
                p[k] = s[k] >= 0.5;
            }
            BinaryMetrics m = BinaryMetrics.of(s, l, p);
            report.accept(String.format("  %-22s %s", source, m.summary()));
            ObjectNode node = out.putObject(source);
            node.put("n", m.n());
            node.put("positives", m.positives());
            put(node, "auprc", m.auprc());
            put(node, "recall", m.recall());
            put(node, "false_positive_rate", m.falsePositiveRate());
            put(node, "f1", m.f1());
        });
    }

    private static void put(ObjectNode node, String key, double v) {
        if (!Double.isNaN(v)) {
            node.put(key, Math.round(v * 1000) / 1000.0);
        }
    }

    private double[][] categoryHead(List<LabeledText> data, float[][] x, List<String> taxonomy, List<String> ids) {
        Map<String, Integer> counts = new TreeMap<>(java.util.Comparator.comparingInt(taxonomy::indexOf));
        for (LabeledText t : data) {
            if (t.unsafe() && t.category() != null && taxonomy.contains(t.category())) {
                counts.merge(t.category(), 1, Integer::sum);
            }
        }
        ids.addAll(counts.keySet());
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no unsafe example carries a category of the taxonomy " + taxonomy);
        }
        List<Integer> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            LabeledText t = data.get(i);
            if (t.unsafe() && t.category() != null && ids.contains(t.category())) {
                rows.add(i);
                labels.add(ids.indexOf(t.category()));
            }
        }
        double[] w = new double[rows.size()];
        int[] yc = new int[rows.size()];
        for (int k = 0; k < rows.size(); k++) {
            yc[k] = labels.get(k);
            w[k] = 1.0 / counts.get(ids.get(yc[k]));
        }
        return trainer.trainSoftmax(select(x, rows), yc, ids.size(), w);
    }

    private float[][] embed(List<LabeledText> data) {
        List<int[]> windows = new ArrayList<>(data.size());
        for (LabeledText t : data) {
            windows.add(encoder.windows(TextNormalizer.forModel(
                    dev.rampart.classifier.embedded.PersonalDataMask.mask(t.text()))).get(0));
        }
        float[][] x = new float[data.size()][];
        int batch = 32;
        for (int start = 0; start < windows.size(); start += batch) {
            float[][] v = encoder.embed(windows.subList(start, Math.min(windows.size(), start + batch)), true);
            System.arraycopy(v, 0, x, start, v.length);
            if ((start / batch) % 40 == 0) {
                report.accept("  embedded " + Math.min(windows.size(), start + batch) + "/" + windows.size());
            }
        }
        return x;
    }

    /** Whether a text belongs to the held-out split (by its hash: stable across runs and machines). */
    boolean inHoldout(String text) {
        // The first two bytes of the text's SHA-256, as a number 0..65535.
        String hash = ModelFiles.sha256(text.getBytes(StandardCharsets.UTF_8));
        int bucket = Integer.parseInt(hash.substring(0, 4), 16) % 1000;
        return bucket < holdout * 1000;
    }

    static double[] weights(List<LabeledText> data, List<Integer> idx) {
        Map<String, Integer> perSource = new HashMap<>();
        for (int i : idx) {
            perSource.merge(key(data.get(i)), 1, Integer::sum);
        }
        double[] raw = new double[idx.size()];
        double[] classTotal = new double[2];
        for (int k = 0; k < idx.size(); k++) {
            LabeledText t = data.get(idx.get(k));
            raw[k] = 1.0 / Math.sqrt(perSource.get(key(t)));
            classTotal[t.unsafe() ? 1 : 0] += raw[k];
        }
        double[] w = new double[idx.size()];
        for (int k = 0; k < idx.size(); k++) {
            boolean unsafe = data.get(idx.get(k)).unsafe();
            w[k] = raw[k] / classTotal[unsafe ? 1 : 0] * idx.size() / 2.0;
        }
        return w;
    }

    private static String key(LabeledText t) {
        return t.source() + (t.unsafe() ? "+" : "-");
    }

    private static List<LabeledText> dedupe(List<LabeledText> examples) {
        Map<String, LabeledText> seen = new java.util.LinkedHashMap<>();
        for (LabeledText t : examples) {
            seen.putIfAbsent(t.text().strip().toLowerCase(java.util.Locale.ROOT), t);
        }
        return new ArrayList<>(seen.values());
    }

    private static Map<String, Integer> sourceCounts(List<LabeledText> data) {
        Map<String, Integer> counts = new TreeMap<>();
        for (LabeledText t : data) {
            counts.merge(t.source() + (t.unsafe() ? " unsafe" : " safe"), 1, Integer::sum);
        }
        return counts;
    }

    private static List<Integer> allIndices(int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    private static float[][] select(float[][] x, List<Integer> idx) {
        float[][] out = new float[idx.size()][];
        for (int k = 0; k < idx.size(); k++) {
            out[k] = x[idx.get(k)];
        }
        return out;
    }

    private static boolean[] select(boolean[] y, List<Integer> idx) {
        boolean[] out = new boolean[idx.size()];
        for (int k = 0; k < idx.size(); k++) {
            out[k] = y[idx.get(k)];
        }
        return out;
    }
}
