package org.optbench.optimizers;

/**
 * Stochastic gradient descent ({@code sgd}): {@code θ ← θ − η g}. Full-batch gradient descent, single-sample
 * SGD and mini-batch SGD are this one rule with batch size N, 1 or m (Robbins and Monro 1951).
 *
 * <p>Defaults: {@code lr} = {@value #DEFAULT_LEARNING_RATE} (the lecture notes give none; a common starting point).
 * Arithmetic is float32 throughout, like PyTorch's {@code SGD}: one multiply-add per parameter.
 *
 * @param learningRate the base rate η_0 ({@code lr}), finite and &gt; 0
 */
public record Sgd(double learningRate) implements Optimizer {

    /** The user-facing name. */
    public static final String NAME = "sgd";
    /** Default {@code lr}. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;

    public Sgd {
        Checks.positive(NAME, "lr", learningRate);
    }

    /** SGD with every default. */
    public Sgd() {
        this(DEFAULT_LEARNING_RATE);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public OptimizerState init(int dimension) {
        return new State(dimension);
    }

    private static final class State extends ArrayState {
        State(int dimension) {
            super(NAME, dimension);
        }

        @Override
        public double step(float[] theta, Objective batch, double learningRate) {
            checkLength(theta, batch);
            double loss = batch.lossAndGradient(theta, gradient);
            float[] g = gradient;
            float rate = (float) learningRate;
            batch.forEachRange(theta.length, (from, to) -> update(theta, g, rate, from, to));
            return loss;
        }

        private static void update(float[] theta, float[] g, float rate, int from, int to) {
            for (int i = from; i < to; i++) {
                theta[i] -= rate * g[i];
            }
        }
    }
}
