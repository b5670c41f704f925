package org.optbench.optimizers;

/**
 * Nesterov's accelerated gradient ({@code nesterov}, Nesterov 1983; Sutskever et al. 2013), look-ahead form:
 * {@code θ̃ = θ + α v ; g = ∇L(θ̃) ; v ← α v − η g ; θ ← θ + v}. The gradient is taken at the look-ahead
 * point θ̃, so each step asks the objective for it there (penalties included when the objective is
 * {@linkplain org.optbench.optimizers.regularizers.RegularizerSet#penalized penalized}); the loss returned is
 * the loss at θ̃. {@link NesterovSimplified} is the same trajectory read on Θ = θ + α v, without the
 * look-ahead buffer.
 *
 * <p>Defaults: {@code lr} = {@value #DEFAULT_LEARNING_RATE} (the lecture notes give none), {@code momentum} α =
 * {@value #DEFAULT_MOMENTUM}. State: v and the look-ahead point θ̃ (float32). Two passes per step (one
 * builds θ̃, one updates v and θ), float32 arithmetic.
 *
 * @param learningRate the base rate η_0 ({@code lr}), finite and &gt; 0
 * @param momentum α ({@code momentum}), in [0, 1)
 */
public record Nesterov(double learningRate, double momentum) implements Optimizer {

    /** The user-facing name. */
    public static final String NAME = "nesterov";
    /** Default {@code lr}. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;
    /** Default {@code momentum} α. */
    public static final double DEFAULT_MOMENTUM = 0.9;

    public Nesterov {
        Checks.positive(NAME, "lr", learningRate);
        Checks.inZeroOneOpen(NAME, "momentum", momentum);
    }

    /** Nesterov with every default. */
    public Nesterov() {
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
        private final float[] lookAhead;

        State(int dimension, float alpha) {
            super(NAME, dimension);
            this.alpha = alpha;
            this.velocity = new float[dimension];
            this.lookAhead = new float[dimension];
        }

        @Override
        public double step(float[] theta, Objective batch, double learningRate) {
            checkLength(theta, batch);
            float[] v = velocity;
            float[] ahead = lookAhead;
            float a = alpha;
            int n = theta.length;
            // θ̃ is rebuilt every step rather than carried over, so a projection or a restore that changes θ
            // between steps is always respected.
            batch.forEachRange(n, (from, to) -> lookAhead(theta, v, ahead, a, from, to));
            double loss = batch.lossAndGradient(ahead, gradient);
            float[] g = gradient;
            float rate = (float) learningRate;
            batch.forEachRange(n, (from, to) -> update(theta, g, v, a, rate, from, to));
            return loss;
        }

        private static void lookAhead(float[] theta, float[] v, float[] ahead, float a, int from, int to) {
            for (int i = from; i < to; i++) {
                ahead[i] = theta[i] + a * v[i];
            }
        }

        private static void update(float[] theta, float[] g, float[] v, float a, float rate, int from, int to) {
            for (int i = from; i < to; i++) {
                float ti = theta[i];
                float vi = a * v[i] - rate * g[i];
                theta[i] = ti + vi;
                v[i] = vi;
            }
        }
    }
}
