package org.optbench.optimizers;

/**
 * AdaGrad ({@code adagrad}, Duchi, Hazan and Singer 2011): {@code r ← r + g⊙g ; θ ← θ − η g / (δ + √r)}.
 * Equals PyTorch {@code Adagrad(lr_decay=0, initial_accumulator_value=0, eps=δ)}, whose δ is also added
 * outside the square root.
 *
 * <p>Defaults: {@code lr} = {@value #DEFAULT_LEARNING_RATE} (the lecture notes give none; PyTorch's default),
 * {@code eps} δ = {@value #DEFAULT_EPS}. State: r (float32, starts at 0). The sum of squares is kept in float32
 * like PyTorch; {@code √} is the correctly rounded float square root.
 *
 * @param learningRate the base rate η_0 ({@code lr}), finite and &gt; 0
 * @param eps δ ({@code eps}), finite and &gt; 0
 */
public record AdaGrad(double learningRate, double eps) implements Optimizer {

    /** The user-facing name. */
    public static final String NAME = "adagrad";
    /** Default {@code lr}. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;
    /** Default {@code eps} δ, per docs/math.md. */
    public static final double DEFAULT_EPS = 1e-7;

    public AdaGrad {
        Checks.positive(NAME, "lr", learningRate);
        Checks.positive(NAME, "eps", eps);
    }

    /** AdaGrad with every default. */
    public AdaGrad() {
        this(DEFAULT_LEARNING_RATE, DEFAULT_EPS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public OptimizerState init(int dimension) {
        return new State(dimension, (float) eps);
    }

    private static final class State extends ArrayState {
        private final float eps;
        private final float[] sumOfSquares;

        State(int dimension, float eps) {
            super(NAME, dimension);
            this.eps = eps;
            this.sumOfSquares = new float[dimension];
        }

        @Override
        public double step(float[] theta, Objective batch, double learningRate) {
            checkLength(theta, batch);
            double loss = batch.lossAndGradient(theta, gradient);
            float[] g = gradient;
            float[] r = sumOfSquares;
            float e = eps;
            float rate = (float) learningRate;
            batch.forEachRange(theta.length, (from, to) -> update(theta, g, r, e, rate, from, to));
            return loss;
        }

        private static void update(float[] theta, float[] g, float[] r, float e, float rate, int from, int to) {
            for (int i = from; i < to; i++) {
                float gi = g[i];
                float ri = r[i] + gi * gi;
                r[i] = ri;
                theta[i] -= rate * (gi / (e + (float) Math.sqrt(ri)));
            }
        }
    }
}
