package dev.rampart.gateway.decisionlog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What reviewers said about logged decisions ({@link ReviewLabels}), per action and category: how many were judged
 * correct and wrong, and the share judged correct — for a block, an estimate of its precision on reviewed traffic
 * (reviewed traffic is mostly contested decisions, so it is a pessimistic one). Pure.
 */
public final class LabelSummary {
    /** Counts of one (action, category) cell; the category is {@code -} for decisions where nothing fired. */
    public record Cell(String action, String category, int correct, int wrong) {
        public double correctShare() {
            int n = correct + wrong;
            return n == 0 ? Double.NaN : (double) correct / n;
        }
    }

    private final Map<String, int[]> cells = new TreeMap<>();

    public LabelSummary(Collection<JsonNode> labels) {
        for (JsonNode l : labels) {
            boolean correct = "correct".equals(l.path("label").asText());
            String action = l.path("action").asText("?");
            if (l.path("categories").isEmpty()) {
                count(action, "-", correct);
            }
            l.path("categories").forEach(c -> count(action, c.asText(), correct));
        }
    }

    private void count(String action, String category, boolean correct) {
        cells.computeIfAbsent(action + "\u0000" + category, k -> new int[2])[correct ? 0 : 1]++;
    }

    public java.util.List<Cell> cells() {
        return cells.entrySet().stream().map(e -> {
            String[] key = e.getKey().split("\u0000", 2);
            return new Cell(key[0], key[1], e.getValue()[0], e.getValue()[1]);
        }).toList();
    }

    /** One line per cell: action, category, correct, wrong, share correct. */
    public String render() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-8s %-18s %8s %8s %8s%n", "action", "category",
                "correct", "wrong", "share"));
        for (Cell c : cells()) {
            sb.append(String.format(Locale.ROOT, "%-8s %-18s %8d %8d %8.3f%n", c.action(), c.category(), c.correct(),
                    c.wrong(), c.correctShare()));
        }
        return sb.toString();
    }
}
