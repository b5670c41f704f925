package org.optbench.optimizers;

/**
 * Adam ({@code adam}, Kingma and Ba 2015):
 * {@code s ← ρ1 s + (1 − ρ1) g ; r ← ρ2 r + (1 − ρ2) g⊙g ; ŝ = s / (1 − ρ1^t) ; r̂ = r / (1 − ρ2^t) ;
 * θ ← θ − η ŝ / (δ + √r̂)} with t the 1-based update count. With {@code eps_inside} the denominator is
 * {@code √(r̂ + δ)}. The default (δ outside) equals PyTorch {@code Adam(betas=(ρ1, ρ2), eps=δ)}.
 *
 * <p>Defaults (docs/math.md, as the paper): {@code lr} η = {@value #DEFAULT_LEARNING_RATE}, {@code beta1} ρ1 =
 * {@value #DEFAULT_BETA1}, {@code beta2} ρ2 = {@value #DEFAULT_BETA2}, {@code eps} δ = {@value #DEFAULT_EPS},
 * {@code eps_inside} = {@value #DEFAULT_EPS_INSIDE}.
 *
 * <p>Precision: the bias corrections {@code 1 − ρ^t} are computed in double once per step, because
 * {@code 1 − 0.999^t} for small t loses most of its digits to cancellation in float; they are folded into two
 * float coefficients (η / (1 − ρ1^t) and 1 / √(1 − ρ2^t)). The moments and the per-parameter pass are float32,
 * as in PyTorch.
 *
 * @param learningRate η ({@code lr}), finite and &gt; 0
 * @param beta1 ρ1 ({@code beta1}), in [0, 1)
 * @param beta2 ρ2 ({@code beta2}), in [0, 1)
 * @param eps δ ({@code eps}), finite and &gt; 0
 * @param epsInside whether δ goes inside the square root ({@code eps_inside})
 */
public record Adam(double learningRate, double beta1, double beta2, double eps, boolean epsInside)
        implements Optimizer {

    /** The user-facing name. */
    public static final String NAME = "adam";
    /** Default {@code lr} η, per docs/math.md. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    /** Default {@code beta1} ρ1, per docs/math.md. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** Default {@code beta2} ρ2, per docs/math.md. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** Default {@code eps} δ, per docs/math.md. */
    public static final double DEFAULT_EPS = 1e-8;
    /** Default {@code eps_inside}: δ outside the square root, per docs/math.md. */
    public static final boolean DEFAULT_EPS_INSIDE = false;

    public Adam {
        Checks.positive(NAME, "lr", learningRate);
        Checks.inZeroOneOpen(NAME, "beta1", beta1);
        Checks.inZeroOneOpen(NAME, "beta2", beta2);
        Checks.positive(NAME, "eps", eps);
    }

    /** Adam with every default. */
    public Adam() {
        this(DEFAULT_LEARNING_RATE, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, DEFAULT_EPS_INSIDE);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public OptimizerState init(int dimension) {
        return new State(dimension, beta1, beta2, (float) eps, epsInside);
    }

    private static final class State extends ArrayState {
        private final double beta1;
        private final double beta2;
        private final float eps;
        private final boolean epsInside;
        private final float[] firstMoment;
        private final float[] secondMoment;
        private long updates;

        State(int dimension, double beta1, double beta2, float eps, boolean epsInside) {
            super(NAME, dimension);
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
            this.epsInside = epsInside;
            this.firstMoment = new float[dimension];
            this.secondMoment = new float[dimension];
        }

        @Override
        public double step(float[] theta, Objective batch, double learningRate) {
            checkLength(theta, batch);
            double loss = batch.lossAndGradient(theta, gradient);
            updates++;
            double correction1 = 1 - Math.pow(beta1, updates);
            double correction2 = 1 - Math.pow(beta2, updates);
            float[] g = gradient;
            float[] s = firstMoment;
            float[] r = secondMoment;
            float b1 = (float) beta1;
            float c1 = (float) (1 - beta1);
            float b2 = (float) beta2;
            float c2 = (float) (1 - beta2);
            float e = eps;
            float stepSize = (float) (learningRate / correction1);
            if (epsInside) {
                float inverseCorrection2 = (float) (1 / correction2);
                batch.forEachRange(theta.length, (from, to) -> updateEpsInside(theta, g, s, r, b1, c1, b2, c2, e,
                        stepSize, inverseCorrection2, from, to));
            } else {
                float inverseRootCorrection2 = (float) (1 / Math.sqrt(correction2));
                batch.forEachRange(theta.length, (from, to) -> update(theta, g, s, r, b1, c1, b2, c2, e, stepSize,
                        inverseRootCorrection2, from, to));
            }
            return loss;
        }

        private static void updateEpsInside(float[] theta, float[] g, float[] s, float[] r, float b1, float c1,
                                            float b2, float c2, float e, float stepSize, float inverseCorrection2,
                                            int from, int to) {
            for (int i = from; i < to; i++) {
                float gi = g[i];
                float si = b1 * s[i] + c1 * gi;
                float ri = b2 * r[i] + c2 * (gi * gi);
                s[i] = si;
                r[i] = ri;
                theta[i] -= stepSize * (si / (float) Math.sqrt(ri * inverseCorrection2 + e));
            }
        }

        private static void update(float[] theta, float[] g, float[] s, float[] r, float b1, float c1, float b2,
                                   float c2, float e, float stepSize, float inverseRootCorrection2, int from, int to) {
            for (int i = from; i < to; i++) {
                float gi = g[i];
                float si = b1 * s[i] + c1 * gi;
                float ri = b2 * r[i] + c2 * (gi * gi);
                s[i] = si;
                r[i] = ri;
                theta[i] -= stepSize * (si / ((float) Math.sqrt(ri) * inverseRootCorrection2 + e));
            }
        }
    }
}
