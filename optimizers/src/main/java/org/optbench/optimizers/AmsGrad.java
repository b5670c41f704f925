package org.optbench.optimizers;

/**
 * AMSGrad ({@code amsgrad}, Reddi, Kale and Kumar 2018, "On the convergence of Adam and beyond"): Adam whose
 * denominator uses the running maximum of the second moment, so the effective per-parameter rate never grows:
 * {@code s ← ρ1 s + (1 − ρ1) g ; r ← ρ2 r + (1 − ρ2) g⊙g ; m ← max(m, r) ;
 * θ ← θ − η (s / (1 − ρ1^t)) / (δ + √(m / (1 − ρ2^t)))}. The bias correction of the maximum follows PyTorch
 * {@code Adam(amsgrad=True)}, which this equals.
 *
 * <p>Defaults: {@code lr} η = {@value #DEFAULT_LEARNING_RATE}, {@code beta1} ρ1 = {@value #DEFAULT_BETA1},
 * {@code beta2} ρ2 = {@value #DEFAULT_BETA2}, {@code eps} δ = {@value #DEFAULT_EPS}. State: s, r and m
 * (float32). Precision as {@link Adam}.
 *
 * @param learningRate η ({@code lr}), finite and &gt; 0
 * @param beta1 ρ1 ({@code beta1}), in [0, 1)
 * @param beta2 ρ2 ({@code beta2}), in [0, 1)
 * @param eps δ ({@code eps}), finite and &gt; 0
 */
public record AmsGrad(double learningRate, double beta1, double beta2, double eps) implements Optimizer {

    /** The user-facing name. */
    public static final String NAME = "amsgrad";
    /** Default {@code lr}. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    /** Default {@code beta1}. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** Default {@code beta2}. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** Default {@code eps}. */
    public static final double DEFAULT_EPS = 1e-8;

    public AmsGrad {
        Checks.positive(NAME, "lr", learningRate);
        Checks.inZeroOneOpen(NAME, "beta1", beta1);
        Checks.inZeroOneOpen(NAME, "beta2", beta2);
        Checks.positive(NAME, "eps", eps);
    }

    /** AMSGrad with every default. */
    public AmsGrad() {
        this(DEFAULT_LEARNING_RATE, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public OptimizerState init(int dimension) {
        return new State(dimension, this);
    }

    private static final class State extends ArrayState {
        private final AmsGrad rule;
        private final float[] firstMoment;
        private final float[] secondMoment;
        private final float[] maxSecondMoment;
        private long updates;

        State(int dimension, AmsGrad rule) {
            super(NAME, dimension);
            this.rule = rule;
            this.firstMoment = new float[dimension];
            this.secondMoment = new float[dimension];
            this.maxSecondMoment = new float[dimension];
        }

        @Override
        public double step(float[] theta, Objective batch, double learningRate) {
            checkLength(theta, batch);
            double loss = batch.lossAndGradient(theta, gradient);
            updates++;
            double correction1 = 1 - Math.pow(rule.beta1, updates);
            double correction2 = 1 - Math.pow(rule.beta2, updates);
            batch.forEachRange(theta.length, (from, to) -> update(theta, gradient, firstMoment, secondMoment,
                    maxSecondMoment,
                    (float) rule.beta1, (float) (1 - rule.beta1), (float) rule.beta2, (float) (1 - rule.beta2),
                    (float) rule.eps, (float) (learningRate / correction1), (float) (1 / Math.sqrt(correction2)),
                    from, to));
            return loss;
        }

        private static void update(float[] theta, float[] g, float[] s, float[] r, float[] m, float b1, float c1,
                                   float b2, float c2, float e, float stepSize, float inverseRootCorrection2,
                                   int from, int to) {
            for (int i = from; i < to; i++) {
                float gi = g[i];
                float si = b1 * s[i] + c1 * gi;
                float ri = b2 * r[i] + c2 * (gi * gi);
                // r and m are never negative or NaN for finite gradients, where max needs no special cases
                float mi = Math.max(m[i], ri);
                s[i] = si;
                r[i] = ri;
                m[i] = mi;
                theta[i] -= stepSize * (si / ((float) Math.sqrt(mi) * inverseRootCorrection2 + e));
            }
        }
    }
}
