package org.optbench.optimizers;

/**
 * RMSProp ({@code rmsprop}, Hinton, Coursera lecture 6e, 2012):
 * {@code r ← ρ r + (1 − ρ) g⊙g ; θ ← θ − η g / (δ + √r)}. With {@code eps_inside} the textbook form
 * {@code θ ← θ − η g / √(δ + r)} (Goodfellow et al. 2016, Alg. 8.5). The default (δ outside) equals PyTorch
 * {@code RMSprop(alpha=ρ, eps=δ)}.
 *
 * <p>Defaults: {@code lr} = {@value #DEFAULT_LEARNING_RATE} (the lecture notes give none; PyTorch's default),
 * {@code rho} ρ = {@value #DEFAULT_RHO}, {@code eps} δ = {@value #DEFAULT_EPS}, {@code eps_inside} =
 * {@value #DEFAULT_EPS_INSIDE}. State: r (float32). Float32 arithmetic in one fused pass.
 *
 * @param learningRate the base rate η_0 ({@code lr}), finite and &gt; 0
 * @param rho ρ ({@code rho}), the decay of the squared-gradient average, in [0, 1)
 * @param eps δ ({@code eps}), finite and &gt; 0
 * @param epsInside whether δ goes inside the square root ({@code eps_inside})
 */
public record RmsProp(double learningRate, double rho, double eps, boolean epsInside) implements Optimizer {

    /** The user-facing name. */
    public static final String NAME = "rmsprop";
    /** Default {@code lr}. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;
    /** Default {@code rho} ρ, per docs/math.md. */
    public static final double DEFAULT_RHO = 0.9;
    /** Default {@code eps} δ, per docs/math.md. */
    public static final double DEFAULT_EPS = 1e-7;
    /** Default {@code eps_inside}: δ outside the square root, per docs/math.md. */
    public static final boolean DEFAULT_EPS_INSIDE = false;

    public RmsProp {
        Checks.positive(NAME, "lr", learningRate);
        Checks.inZeroOneOpen(NAME, "rho", rho);
        Checks.positive(NAME, "eps", eps);
    }

    /** RMSProp with every default. */
    public RmsProp() {
        this(DEFAULT_LEARNING_RATE, DEFAULT_RHO, DEFAULT_EPS, DEFAULT_EPS_INSIDE);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public OptimizerState init(int dimension) {
        return new State(dimension, rho, (float) eps, epsInside);
    }

    private static final class State extends ArrayState {
        private final float rho;
        private final float oneMinusRho;
        private final float eps;
        private final boolean epsInside;
        private final float[] meanSquare;

        State(int dimension, double rho, float eps, boolean epsInside) {
            super(NAME, dimension);
            this.rho = (float) rho;
            this.oneMinusRho = (float) (1 - rho);
            this.eps = eps;
            this.epsInside = epsInside;
            this.meanSquare = new float[dimension];
        }

        @Override
        public double step(float[] theta, Objective batch, double learningRate) {
            checkLength(theta, batch);
            double loss = batch.lossAndGradient(theta, gradient);
            float[] g = gradient;
            float[] r = meanSquare;
            float p = rho;
            float q = oneMinusRho;
            float e = eps;
            float rate = (float) learningRate;
            // Two loops instead of a branch inside one, so that each stays a straight-line vectorizable body.
            if (epsInside) {
                batch.forEachRange(theta.length, (from, to) -> updateEpsInside(theta, g, r, p, q, e, rate, from, to));
            } else {
                batch.forEachRange(theta.length, (from, to) -> update(theta, g, r, p, q, e, rate, from, to));
            }
            return loss;
        }

        private static void updateEpsInside(float[] theta, float[] g, float[] r, float p, float q, float e,
                                            float rate, int from, int to) {
            for (int i = from; i < to; i++) {
                float gi = g[i];
                float ri = p * r[i] + q * (gi * gi);
                r[i] = ri;
                theta[i] -= rate * (gi / (float) Math.sqrt(ri + e));
            }
        }

        private static void update(float[] theta, float[] g, float[] r, float p, float q, float e, float rate,
                                   int from, int to) {
            for (int i = from; i < to; i++) {
                float gi = g[i];
                float ri = p * r[i] + q * (gi * gi);
                r[i] = ri;
                theta[i] -= rate * (gi / ((float) Math.sqrt(ri) + e));
            }
        }
    }
}
