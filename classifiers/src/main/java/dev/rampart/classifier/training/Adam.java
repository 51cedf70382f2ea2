package dev.rampart.classifier.training;

/**
 * The Adam optimiser over one flat parameter vector, with decoupled weight decay (AdamW) and a learning rate that falls
 * linearly to zero over the planned steps: without the decay the last mini-batches' noise decides where the network
 * ends up, and two runs differing only in seed put the 0.5 threshold at very different false-positive rates.
 */
final class Adam {
    private final double rate;
    private final double decay;
    private final double[] m;
    private final double[] v;
    private final int steps;
    private int step;

    Adam(int size, double rate, double decay, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1");
        }
        this.steps = steps;
        this.rate = rate;
        this.decay = decay;
        this.m = new double[size];
        this.v = new double[size];
    }

    /** Updates {@code params} in place from {@code grad}; {@code decayed[i]} says whether weight decay applies. */
    void update(double[] params, double[] grad, boolean[] decayed) {
        step++;
        double b1 = 0.9;
        double b2 = 0.999;
        double c1 = 1 - Math.pow(b1, step);
        double c2 = 1 - Math.pow(b2, step);
        double lr = rate * Math.max(0.0, 1.0 - (step - 1.0) / steps);
        for (int i = 0; i < params.length; i++) {
            m[i] = b1 * m[i] + (1 - b1) * grad[i];
            v[i] = b2 * v[i] + (1 - b2) * grad[i] * grad[i];
            params[i] -= lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8);
            if (decayed[i]) {
                params[i] -= lr * decay * params[i];
            }
        }
    }
}
