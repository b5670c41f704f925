package org.optbench.optimizers;

/**
 * AdaDelta ({@code adadelta}, Zeiler 2012), no learning rate needed:
 * {@code r ← ρ r + (1 − ρ) g⊙g ; Δ = −(√(δ + s) / √(δ + r)) ⊙ g ; s ← ρ s + (1 − ρ) Δ⊙Δ ; θ ← θ + η Δ}.
 * The rate η ({@code lr}, default 1) multiplies Δ in the θ update only, as PyTorch's {@code Adadelta(lr)}
 * does; s accumulates the unscaled Δ. Equals PyTorch {@code Adadelta(rho=ρ, eps=δ, lr=η)}.
 *
 * <p>Defaults: {@code rho} ρ = {@value #DEFAULT_RHO}, {@code eps} δ = {@value #DEFAULT_EPS}, {@code lr} =
 * {@value #DEFAULT_LEARNING_RATE}. State: r and s (float32). Float32 arithmetic; √(δ + s) / √(δ + r) is
 * formed as one square root of the quotient (equal up to an ulp, and half the square roots).
 *
 * @param rho ρ ({@code rho}), in [0, 1)
 * @param eps δ ({@code eps}), finite and &gt; 0
 * @param learningRate η ({@code lr}), finite and &gt; 0; a schedule shapes it like any other rate
 */
public record AdaDelta(double rho, double eps, double learningRate) implements Optimizer {

    /** The user-facing name. */
    public static final String NAME = "adadelta";
    /** Default {@code rho} ρ, per docs/math.md. */
    public static final double DEFAULT_RHO = 0.95;
    /** Default {@code eps} δ, per docs/math.md. */
    public static final double DEFAULT_EPS = 1e-6;
    /** Default {@code lr}: 1, the pure rule without a learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 1.0;

    public AdaDelta {
        Checks.inZeroOneOpen(NAME, "rho", rho);
        Checks.positive(NAME, "eps", eps);
        Checks.positive(NAME, "lr", learningRate);
    }

    /** AdaDelta with every default. */
    public AdaDelta() {
        this(DEFAULT_RHO, DEFAULT_EPS, DEFAULT_LEARNING_RATE);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public OptimizerState init(int dimension) {
        return new State(dimension, rho, (float) eps);
    }

    private static final class State extends ArrayState {
        private final float rho;
        private final float oneMinusRho;
        private final float eps;
        private final float[] meanSquare;
        private final float[] meanSquareDelta;

        State(int dimension, double rho, float eps) {
            super(NAME, dimension);
            this.rho = (float) rho;
            this.oneMinusRho = (float) (1 - rho);
            this.eps = eps;
            this.meanSquare = new float[dimension];
            this.meanSquareDelta = new float[dimension];
        }

        @Override
        public double step(float[] theta, Objective batch, double learningRate) {
            checkLength(theta, batch);
            double loss = batch.lossAndGradient(theta, gradient);
            float[] g = gradient;
            float[] r = meanSquare;
            float[] s = meanSquareDelta;
            float p = rho;
            float q = oneMinusRho;
            float e = eps;
            float rate = (float) learningRate;
            batch.forEachRange(theta.length, (from, to) -> update(theta, g, r, s, p, q, e, rate, from, to));
            return loss;
        }

        private static void update(float[] theta, float[] g, float[] r, float[] s, float p, float q, float e,
                                   float rate, int from, int to) {
            for (int i = from; i < to; i++) {
                float gi = g[i];
                float ri = p * r[i] + q * (gi * gi);
                r[i] = ri;
                // step is −Δ, PyTorch's sign convention
                // one square root of the quotient instead of a quotient of two roots: equal up to an ulp, and
                // the second square root would make the loop compute-bound
                float step = (float) Math.sqrt((s[i] + e) / (ri + e)) * gi;
                s[i] = p * s[i] + q * (step * step);
                theta[i] -= rate * step;
            }
        }
    }
}
