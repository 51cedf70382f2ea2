package dev.rampart.classifier.training;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

/**
 * Quality of a binary classifier on labelled data: threshold-free (AUPRC as average precision, AUROC) and at the
 * decision threshold (precision, recall, F1, false-positive rate). Undefined figures (no positives, no negatives) are NaN.
 */
public record BinaryMetrics(int n, int positives, double auprc, double auroc, double precision, double recall,
                            double f1, double falsePositiveRate, int truePositives, int falsePositives) {

    /**
     * @param scores    the score of each example (higher = more unsafe)
     * @param labels    the truth
     * @param predicted the decision at the threshold (flagged or not)
     */
    public static BinaryMetrics of(double[] scores, boolean[] labels, boolean[] predicted) {
        int n = scores.length;
        int pos = 0;
        int tp = 0;
        int fp = 0;
        for (int i = 0; i < n; i++) {
            pos += labels[i] ? 1 : 0;
            tp += labels[i] && predicted[i] ? 1 : 0;
            fp += !labels[i] && predicted[i] ? 1 : 0;
        }
        int neg = n - pos;
        double precision = tp + fp == 0 ? Double.NaN : tp / (double) (tp + fp);
        double recall = pos == 0 ? Double.NaN : tp / (double) pos;
        double f1 = Double.isNaN(precision) || Double.isNaN(recall) || precision + recall == 0 ? Double.NaN
                : 2 * precision * recall / (precision + recall);
        double fpr = neg == 0 ? Double.NaN : fp / (double) neg;
        return new BinaryMetrics(n, pos, averagePrecision(scores, labels, pos), auroc(scores, labels, pos, neg),
                precision, recall, f1, fpr, tp, fp);
    }

    /** Average precision: the mean of the precision at each positive, ties broken pessimistically. */
    static double averagePrecision(double[] scores, boolean[] labels, int pos) {
        if (pos == 0) {
            return Double.NaN;
        }
        Integer[] order = sorted(scores, labels);
        double sum = 0;
        int tp = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            int groupTp = 0;
            while (j < order.length && scores[order[j]] == scores[order[i]]) {
                groupTp += labels[order[j]] ? 1 : 0;
                j++;
            }
            tp += groupTp;
            sum += groupTp * (tp / (double) j);
            i = j;
        }
        return sum / pos;
    }

    /** AUROC by the rank-sum (Mann–Whitney) formula with average ranks for ties. */
    static double auroc(double[] scores, boolean[] labels, int pos, int neg) {
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double rankSum = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j < order.length && scores[order[j]] == scores[order[i]]) {
                j++;
            }
            double avgRank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (labels[order[k]]) {
                    rankSum += avgRank;
                }
            }
            i = j;
        }
        return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    private static Integer[] sorted(double[] scores, boolean[] labels) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
        return order;
    }

    /** One line for reports. */
    public String summary() {
        return String.format(Locale.ROOT,
                "n=%d positives=%d AUPRC=%.3f AUROC=%.3f F1=%.3f precision=%.3f recall=%.3f FPR=%.3f",
                n, positives, auprc, auroc, f1, precision, recall, falsePositiveRate);
    }
}
