package org.optbench.optimizers;

/**
 * Classical momentum ({@code momentum}, Polyak 1964), seed form: {@code v ← α v − η g ; θ ← θ + v}.
 * With a constant η it equals PyTorch {@code SGD(momentum=α)} with {@code v = −η · buf}.
 *
 * <p>Defaults: {@code lr} = {@value #DEFAULT_LEARNING_RATE} (the lecture notes give none), {@code momentum} α =
 * {@value #DEFAULT_MOMENTUM}. State: the velocity v (float32, starts at 0). Arithmetic is float32: one fused
 * pass reading g, v, θ and writing v, θ.
 *
 * @param learningRate the base rate η_0 ({@code lr}), finite and &gt; 0
 * @param momentum α ({@code momentum}), in [0, 1)
 */
public record Momentum(double learningRate, double momentum) implements Optimizer {

    /** The user-facing name. */
    public static final String NAME = "momentum";
    /** Default {@code lr}. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;
    /** Default {@code momentum} α. */
    public static final double DEFAULT_MOMENTUM = 0.9;

    public Momentum {
        Checks.positive(NAME, "lr", learningRate);
        Checks.inZeroOneOpen(NAME, "momentum", momentum);
    }

    /** Momentum with every default. */
    public Momentum() {
        this(DEFAULT_LEARNING_RATE, DEFAULT_MOMENTUM);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public OptimizerState init(int dimension) {
        return new State(dimension, (float) momentum);
    }

    private static final class State extends ArrayState {
        private final float alpha;
        private final float[] velocity;

        State(int dimension, float alpha) {
            super(NAME, dimension);
            this.alpha = alpha;
            this.velocity = new float[dimension];
        }

        @Override
        public double step(float[] theta, Objective batch, double learningRate) {
            checkLength(theta, batch);
            double loss = batch.lossAndGradient(theta, gradient);
            float[] g = gradient;
            float[] v = velocity;
            float a = alpha;
            float rate = (float) learningRate;
            batch.forEachRange(theta.length, (from, to) -> update(theta, g, v, a, rate, from, to));
            return loss;
        }

        private static void update(float[] theta, float[] g, float[] v, float a, float rate, int from, int to) {
            // all loads before the stores: with v[i] stored first, C2 must assume it may alias theta[i]
            for (int i = from; i < to; i++) {
                float ti = theta[i];
                float vi = a * v[i] - rate * g[i];
                theta[i] = ti + vi;
                v[i] = vi;
            }
        }
    }
}
