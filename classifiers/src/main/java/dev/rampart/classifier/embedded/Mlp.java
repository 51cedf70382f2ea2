package dev.rampart.classifier.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A binary classifier network: {@code sigmoid(w2 · relu(W1 x + b1) + b2)}, or {@code sigmoid(w · x + b)} when it has
 * no hidden layer. Weights are rounded to 6 significant digits when written, so the shipped file stays small and diffs
 * readably.
 *
 * @param w1 hidden weights {@code [hidden][inputs]}, empty for logistic regression
 * @param b1 hidden biases
 * @param w2 output weights ({@code [hidden]}, or {@code [inputs]} without a hidden layer)
 * @param b2 output bias
 */
public record Mlp(float[][] w1, float[] b1, float[] w2, float b2) {

    public int inputs() {
        return w1.length == 0 ? w2.length : w1[0].length;
    }

    public int hidden() {
        return w1.length;
    }

    public double logit(float[] x) {
        if (w1.length == 0) {
            return dot(w2, x) + b2;
        }
        double z = b2;
        for (int h = 0; h < w1.length; h++) {
            double a = dot(w1[h], x) + b1[h];
            if (a > 0) {
                z += w2[h] * a;
            }
        }
        return z;
    }

    public double probability(float[] x) {
        return 1.0 / (1.0 + Math.exp(-logit(x)));
    }

    static double dot(float[] w, float[] x) {
        if (w.length != x.length) {
            throw new IllegalArgumentException("dimension mismatch: weights " + w.length + ", input " + x.length);
        }
        // Four independent sums: the CPU overlaps them (one running sum waits on every previous addition).
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (int end = w.length - 3; i < end; i += 4) {
            s0 += w[i] * x[i];
            s1 += w[i + 1] * x[i + 1];
            s2 += w[i + 2] * x[i + 2];
            s3 += w[i + 3] * x[i + 3];
        }
        for (; i < w.length; i++) {
            s0 += w[i] * x[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    static Mlp fromJson(JsonNode n) {
        return new Mlp(matrix(n.path("w1")), vector(n.path("b1")), vector(n.path("w2")), (float) n.path("b2").asDouble());
    }

    ObjectNode toJson(ObjectMapper json) {
        ObjectNode n = json.createObjectNode();
        n.set("w1", json(json, w1));
        n.set("b1", json(json, b1));
        n.set("w2", json(json, w2));
        n.put("b2", round(b2));
        return n;
    }

    static float[][] matrix(JsonNode n) {
        float[][] m = new float[n.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vector(n.get(i));
        }
        return m;
    }

    static float[] vector(JsonNode n) {
        float[] v = new float[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) n.get(i).asDouble();
        }
        return v;
    }

    static ArrayNode json(ObjectMapper json, float[][] m) {
        ArrayNode a = json.createArrayNode();
        for (float[] row : m) {
            a.add(json(json, row));
        }
        return a;
    }

    static ArrayNode json(ObjectMapper json, float[] v) {
        ArrayNode a = json.createArrayNode();
        for (float f : v) {
            a.add(round(f));
        }
        return a;
    }

    private static double round(float f) {
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.6g", f));
    }
}
