package dev.rampart.classifier.training;

import dev.rampart.classifier.embedded.Mlp;
import java.util.Random;

/**
 * Trains the heads with mini-batch AdamW on weighted examples, deterministically for a given seed (one thread, fixed
 * shuffles): the P(unsafe) network ({@link Mlp}, logistic loss) and the category softmax regression (cross-entropy).
 *
 * @param hidden   hidden units of the unsafe network (0 = logistic regression)
 * @param epochs   passes over the data
 * @param batch    mini-batch size
 * @param rate     learning rate
 * @param decay    weight decay
 * @param seed     random seed for initialisation and shuffling
 */
public record NetworkTrainer(int hidden, int epochs, int batch, double rate, double decay, long seed) {

    /**
     * The shipped head's settings: 512 hidden units, 30 epochs, learning rate 1e-3 (falling linearly to zero), weight
     * decay 5e-2. Chosen on the held-out split and the development sets in {@code classifiers/eval}; 15 epochs or a
     * weight decay of 0.3 measured the same there.
     */
    public static final NetworkTrainer DEFAULTS = new NetworkTrainer(512, 30, 32, 1e-3, 5e-2, 7);

    /** The unsafe network fitted to {@code x} (unit embeddings), {@code y}, with per-example weights {@code w}. */
    public Mlp trainBinary(float[][] x, boolean[] y, double[] w) {
        int d = x[0].length;
        int h = hidden;
        int size = h == 0 ? d + 1 : h * d + h + h + 1;
        double[] p = new double[size];
        boolean[] decayed = new boolean[size];
        Random random = new Random(seed);
        if (h == 0) {
            for (int i = 0; i < d; i++) {
                decayed[i] = true;
            }
        } else {
            double scale = Math.sqrt(2.0 / d);
            for (int i = 0; i < h * d; i++) {
                p[i] = random.nextGaussian() * scale;
                decayed[i] = true;
            }
            for (int i = 0; i < h; i++) {
                p[h * d + h + i] = random.nextGaussian() * Math.sqrt(1.0 / h);
                decayed[h * d + h + i] = true;
            }
        }
        Adam adam = new Adam(size, rate, decay, epochs * ((x.length + batch - 1) / batch));
        int[] order = identity(x.length);
        double[] grad = new double[size];
        double[] act = new double[Math.max(h, 1)];
        for (int epoch = 0; epoch < epochs; epoch++) {
            shuffle(order, random);
            for (int start = 0; start < order.length; start += batch) {
                java.util.Arrays.fill(grad, 0);
                int end = Math.min(order.length, start + batch);
                double total = 0;
                for (int k = start; k < end; k++) {
                    total += w[order[k]];
                }
                for (int k = start; k < end; k++) {
                    int i = order[k];
                    float[] xi = x[i];
                    double z;
                    if (h == 0) {
                        z = p[d];
                        for (int j = 0; j < d; j++) {
                            z += p[j] * xi[j];
                        }
                    } else {
                        z = p[size - 1];
                        for (int u = 0; u < h; u++) {
                            double a = p[h * d + u];
                            int row = u * d;
                            for (int j = 0; j < d; j++) {
                                a += p[row + j] * xi[j];
                            }
                            act[u] = a > 0 ? a : 0;
                            z += p[h * d + h + u] * act[u];
                        }
                    }
                    double g = (sigmoid(z) - (y[i] ? 1 : 0)) * w[i] / total;
                    if (h == 0) {
                        for (int j = 0; j < d; j++) {
                            grad[j] += g * xi[j];
                        }
                        grad[d] += g;
                    } else {
                        grad[size - 1] += g;
                        for (int u = 0; u < h; u++) {
                            grad[h * d + h + u] += g * act[u];
                            if (act[u] > 0) {
                                double gu = g * p[h * d + h + u];
                                grad[h * d + u] += gu;
                                int row = u * d;
                                for (int j = 0; j < d; j++) {
                                    grad[row + j] += gu * xi[j];
                                }
                            }
                        }
                    }
                }
                adam.update(p, grad, decayed);
            }
        }
        return toMlp(p, d, h);
    }

    private static Mlp toMlp(double[] p, int d, int h) {
        if (h == 0) {
            float[] w = new float[d];
            for (int j = 0; j < d; j++) {
                w[j] = (float) p[j];
            }
            return new Mlp(new float[0][], new float[0], w, (float) p[d]);
        }
        float[][] w1 = new float[h][d];
        float[] b1 = new float[h];
        float[] w2 = new float[h];
        for (int u = 0; u < h; u++) {
            for (int j = 0; j < d; j++) {
                w1[u][j] = (float) p[u * d + j];
            }
            b1[u] = (float) p[h * d + u];
            w2[u] = (float) p[h * d + h + u];
        }
        return new Mlp(w1, b1, w2, (float) p[p.length - 1]);
    }

    /** Softmax regression: returns {@code [classes][d + 1]} (the last column is the bias). */
    public double[][] trainSoftmax(float[][] x, int[] y, int classes, double[] w) {
        int d = x[0].length;
        int size = classes * (d + 1);
        double[] p = new double[size];
        boolean[] decayed = new boolean[size];
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < d; j++) {
                decayed[c * (d + 1) + j] = true;
            }
        }
        Random random = new Random(seed + 1);
        Adam adam = new Adam(size, rate * 5, decay, epochs * 2 * ((x.length + batch - 1) / batch));
        int[] order = identity(x.length);
        double[] grad = new double[size];
        double[] z = new double[classes];
        for (int epoch = 0; epoch < epochs * 2; epoch++) {
            shuffle(order, random);
            for (int start = 0; start < order.length; start += batch) {
                java.util.Arrays.fill(grad, 0);
                int end = Math.min(order.length, start + batch);
                double total = 0;
                for (int k = start; k < end; k++) {
                    total += w[order[k]];
                }
                for (int k = start; k < end; k++) {
                    int i = order[k];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < classes; c++) {
                        double s = p[c * (d + 1) + d];
                        for (int j = 0; j < d; j++) {
                            s += p[c * (d + 1) + j] * x[i][j];
                        }
                        z[c] = s;
                        max = Math.max(max, s);
                    }
                    double sum = 0;
                    for (int c = 0; c < classes; c++) {
                        z[c] = Math.exp(z[c] - max);
                        sum += z[c];
                    }
                    for (int c = 0; c < classes; c++) {
                        double g = (z[c] / sum - (y[i] == c ? 1 : 0)) * w[i] / total;
                        for (int j = 0; j < d; j++) {
                            grad[c * (d + 1) + j] += g * x[i][j];
                        }
                        grad[c * (d + 1) + d] += g;
                    }
                }
                adam.update(p, grad, decayed);
            }
        }
        double[][] out = new double[classes][d + 1];
        for (int c = 0; c < classes; c++) {
            System.arraycopy(p, c * (d + 1), out[c], 0, d + 1);
        }
        return out;
    }

    static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
