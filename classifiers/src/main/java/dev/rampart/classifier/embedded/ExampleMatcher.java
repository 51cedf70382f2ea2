package dev.rampart.classifier.embedded;

import dev.rampart.classifier.onnx.SentenceEncoder;
import dev.rampart.policy.Category;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores policy categories the trained head does not know (a policy author's own categories) by how close a text is
 * to the category's {@code examples}: the best cosine similarity, mapped linearly from {@link #FLOOR} (score 0) to
 * {@link #CEILING} (score 1). With all-MiniLM-L6-v2, paraphrases of one request sit around 0.7–0.9 and unrelated
 * texts below 0.3. Authors tune sensitivity with the rule's threshold; {@code rampart policy explain} shows the scores.
 */
final class ExampleMatcher {
    static final double FLOOR = 0.35;
    static final double CEILING = 0.8;

    private final Map<String, float[][]> examples;

    private ExampleMatcher(Map<String, float[][]> examples) {
        this.examples = examples;
    }

    static ExampleMatcher of(List<Category> categories, SentenceEncoder encoder) {
        Map<String, float[][]> out = new LinkedHashMap<>();
        for (Category c : categories) {
            List<int[]> windows = new ArrayList<>();
            for (String e : c.examples()) {
                windows.add(encoder.windows(dev.rampart.classifier.normalize.TextNormalizer.forModel(e)).get(0));
            }
            out.put(c.id(), encoder.embed(windows));
        }
        return new ExampleMatcher(out);
    }

    Map<String, Double> scores(float[] v) {
        Map<String, Double> out = new LinkedHashMap<>();
        examples.forEach((id, vectors) -> {
            double best = -1;
            float[] mean = v.length == vectors[0].length ? v : java.util.Arrays.copyOf(v, vectors[0].length);
            for (float[] e : vectors) {
                best = Math.max(best, Mlp.dot(e, mean));
            }
            out.put(id, Math.max(0, Math.min(1, (best - FLOOR) / (CEILING - FLOOR))));
        });
        return out;
    }
}
