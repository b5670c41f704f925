package org.optbench.optimizers;

/**
 * Nesterov momentum in the form of Bengio, Boulanger-Lewandowski and Pascanu 2012 ({@code nesterov-simplified}),
 * on the shifted parameters Θ = θ + α v: {@code g = ∇L(Θ) ; Θ ← Θ + α² v − η (1 + α) g ; v ← α v − η g}.
 * The gradient is taken at the stored parameters, so no look-ahead evaluation is needed. With a constant η it
 * equals PyTorch {@code SGD(momentum=α, nesterov=True)} (with {@code v = −η · buf}). When v = 0, Θ = θ; the
 * look-ahead {@link Nesterov} trajectory is recovered as {@code θ = Θ − α v}.
 *
 * <p>Defaults: {@code lr} = {@value #DEFAULT_LEARNING_RATE} (the lecture notes give none), {@code momentum} α =
 * {@value #DEFAULT_MOMENTUM}. State: v (float32). The coefficients α² and η(1 + α) are formed in double and
 * rounded once; the per-parameter pass is float32.
 *
 * @param learningRate the base rate η_0 ({@code lr}), finite and &gt; 0
 * @param momentum α ({@code momentum}), in [0, 1)
 */
public record NesterovSimplified(double learningRate, double momentum) implements Optimizer {

    /** The user-facing name. */
    public static final String NAME = "nesterov-simplified";
    /** Default {@code lr}. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;
    /** Default {@code momentum} α. */
    public static final double DEFAULT_MOMENTUM = 0.9;

    public NesterovSimplified {
        Checks.positive(NAME, "lr", learningRate);
        Checks.inZeroOneOpen(NAME, "momentum", momentum);
    }

    /** Simplified Nesterov with every default. */
    public NesterovSimplified() {
        this(DEFAULT_LEARNING_RATE, DEFAULT_MOMENTUM);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public OptimizerState init(int dimension) {
        return new State(dimension, momentum);
    }

    private static final class State extends ArrayState {
        private final double alpha;
        private final float[] velocity;

        State(int dimension, double alpha) {
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
            float a = (float) alpha;
            float a2 = (float) (alpha * alpha);
            float rate = (float) learningRate;
            float gradientScale = (float) (learningRate * (1 + alpha));
            batch.forEachRange(theta.length, (from, to) -> update(theta, g, v, a, a2, rate, gradientScale, from, to));
            return loss;
        }

        private static void update(float[] theta, float[] g, float[] v, float a, float a2, float rate,
                                   float gradientScale, int from, int to) {
            for (int i = from; i < to; i++) {
                float vi = v[i];
                float gi = g[i];
                theta[i] += a2 * vi - gradientScale * gi;
                v[i] = a * vi - rate * gi;
            }
        }
    }
}
