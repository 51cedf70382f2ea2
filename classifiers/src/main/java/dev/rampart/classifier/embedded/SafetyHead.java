package dev.rampart.classifier.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trained part of the embedded safety classifier, applied to a unit sentence embedding:
 * <ul>
 *   <li>an <b>unsafe</b> head — a one-hidden-layer network (or plain logistic regression when it has no hidden
 *       layer) giving P(unsafe);</li>
 *   <li>a <b>category</b> head — softmax regression over the taxonomy ids it was trained on, giving which category an
 *       unsafe text most resembles.</li>
 * </ul>
 * A category's score is {@code P(unsafe) · q(c) / max q}: the most likely category carries the full P(unsafe), the
 * others a share in proportion. Made by {@code rampart train} ({@code dev.rampart.classifier.training.HeadTrainer})
 * and shipped as {@code rampart/embedded/safety-head.json}.
 *
 * @param encoder      which encoder the head was trained on (its revision: a head never runs on another)
 * @param maxPooling   the input is the unit mean-pooled embedding followed by the unit max-pooled one
 * @param unsafe       the P(unsafe) network
 * @param categoryIds  the taxonomy ids of the category head, in output order
 * @param categoryW    category head weights, {@code [categories][dimension]}
 * @param categoryB    category head biases
 * @param provenance   how it was trained (data sets and counts, seed, held-out figures), for the model card
 */
public record SafetyHead(String encoder, boolean maxPooling, Mlp unsafe, List<String> categoryIds, float[][] categoryW,
                         float[] categoryB, JsonNode provenance) {
    public static final String RESOURCE = "rampart/embedded/safety-head.json";
    public static final String FORMAT = "rampart-safety-head/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    public SafetyHead {
        categoryIds = List.copyOf(categoryIds);
        if (categoryW.length != categoryIds.size() || categoryB.length != categoryIds.size()) {
            throw new IllegalArgumentException("category head has " + categoryW.length + " rows for "
                    + categoryIds.size() + " categories");
        }
    }

    /** The embedding dimension the head expects. */
    public int dimension() {
        return unsafe.inputs();
    }

    /** P(unsafe) for one embedding. */
    public double unsafeProbability(float[] embedding) {
        return unsafe.probability(embedding);
    }

    /** Per-category scores in [0, 1] for one embedding. */
    public Map<String, Double> scores(float[] embedding) {
        double p = unsafeProbability(embedding);
        double[] q = categoryDistribution(embedding);
        double max = 0;
        for (double v : q) {
            max = Math.max(max, v);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int c = 0; c < q.length; c++) {
            out.put(categoryIds.get(c), clamp(p * q[c] / Math.max(max, 1e-12)));
        }
        return out;
    }

    /** Softmax over the category head's outputs. */
    public double[] categoryDistribution(float[] embedding) {
        double[] z = new double[categoryIds.size()];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < z.length; c++) {
            z[c] = Mlp.dot(categoryW[c], embedding) + categoryB[c];
            max = Math.max(max, z[c]);
        }
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < z.length; c++) {
            z[c] /= sum;
        }
        return z;
    }

    private static double clamp(double v) {
        return Math.max(0.0, Math.min(1.0, v));
    }

    /** Reads the bundled head from the classpath. */
    public static SafetyHead bundled() {
        try (InputStream in = SafetyHead.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath; run ./rampart train");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SafetyHead read(InputStream in) throws IOException {
        JsonNode root = JSON.readTree(in);
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("safety head: format must be " + FORMAT + ", but was '"
                    + root.path("format").asText() + "'");
        }
        JsonNode cat = root.path("categories");
        List<String> ids = new ArrayList<>();
        cat.path("ids").forEach(n -> ids.add(n.asText()));
        return new SafetyHead(root.path("encoder").asText(), "mean_max".equals(root.path("pooling").asText()),
                Mlp.fromJson(root.path("unsafe")), ids,
                Mlp.matrix(cat.path("weights")), Mlp.vector(cat.path("bias")), root.path("provenance"));
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("encoder", encoder);
        root.put("pooling", maxPooling ? "mean_max" : "mean");
        root.set("unsafe", unsafe.toJson(JSON));
        ObjectNode cat = root.putObject("categories");
        ArrayNode ids = cat.putArray("ids");
        categoryIds.forEach(ids::add);
        cat.set("weights", Mlp.json(JSON, categoryW));
        cat.set("bias", Mlp.json(JSON, categoryB));
        root.set("provenance", provenance == null ? JSON.createObjectNode() : provenance);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
