package org.optbench.optimizers;

/**
 * AdamW ({@code adamw}, Loshchilov and Hutter 2019, "Decoupled weight decay regularization"): Adam with the
 * weight decay taken out of the gradient and applied to the parameters directly, scaled by the scheduled rate:
 * {@code θ ← (1 − η λ) θ ; s ← ρ1 s + (1 − ρ1) g ; r ← ρ2 r + (1 − ρ2) g⊙g ;
 * θ ← θ − η ŝ / (δ + √r̂)} with ŝ, r̂ bias-corrected as in {@link Adam}. Equals PyTorch
 * {@code AdamW(lr=η, betas=(ρ1, ρ2), eps=δ, weight_decay=λ)}. An {@code l2} penalty instead adds 2λθ to g, which
 * Adam then rescales per parameter; AdamW's decay does not pass through that rescaling.
 *
 * <p>Defaults: {@code lr} η = {@value #DEFAULT_LEARNING_RATE}, {@code beta1} ρ1 = {@value #DEFAULT_BETA1},
 * {@code beta2} ρ2 = {@value #DEFAULT_BETA2}, {@code eps} δ = {@value #DEFAULT_EPS}, {@code weight_decay} λ =
 * {@value #DEFAULT_WEIGHT_DECAY} (PyTorch's). Precision as {@link Adam}; the decay factor 1 − ηλ is formed in
 * double and rounded once.
 *
 * @param learningRate η ({@code lr}), finite and &gt; 0
 * @param beta1 ρ1 ({@code beta1}), in [0, 1)
 * @param beta2 ρ2 ({@code beta2}), in [0, 1)
 * @param eps δ ({@code eps}), finite and &gt; 0
 * @param weightDecay λ ({@code weight_decay}), finite and &gt;= 0
 */
public record AdamW(double learningRate, double beta1, double beta2, double eps, double weightDecay)
        implements Optimizer {

    /** The user-facing name. */
    public static final String NAME = "adamw";
    /** Default {@code lr}. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    /** Default {@code beta1}. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** Default {@code beta2}. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** Default {@code eps}. */
    public static final double DEFAULT_EPS = 1e-8;
    /** Default {@code weight_decay}. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.01;

    public AdamW {
        Checks.positive(NAME, "lr", learningRate);
        Checks.inZeroOneOpen(NAME, "beta1", beta1);
        Checks.inZeroOneOpen(NAME, "beta2", beta2);
        Checks.positive(NAME, "eps", eps);
        Checks.nonNegative(NAME, "weight_decay", weightDecay);
    }

    /** AdamW with every default. */
    public AdamW() {
        this(DEFAULT_LEARNING_RATE, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, DEFAULT_WEIGHT_DECAY);
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
        private final AdamW rule;
        private final float[] firstMoment;
        private final float[] secondMoment;
        private long updates;

        State(int dimension, AdamW rule) {
            super(NAME, dimension);
            this.rule = rule;
            this.firstMoment = new float[dimension];
            this.secondMoment = new float[dimension];
        }

        @Override
        public double step(float[] theta, Objective batch, double learningRate) {
            checkLength(theta, batch);
            double loss = batch.lossAndGradient(theta, gradient);
            updates++;
            double correction1 = 1 - Math.pow(rule.beta1, updates);
            double correction2 = 1 - Math.pow(rule.beta2, updates);
            batch.forEachRange(theta.length, (from, to) -> update(theta, gradient, firstMoment, secondMoment,
                    (float) (1 - learningRate * rule.weightDecay),
                    (float) rule.beta1, (float) (1 - rule.beta1), (float) rule.beta2, (float) (1 - rule.beta2),
                    (float) rule.eps, (float) (learningRate / correction1), (float) (1 / Math.sqrt(correction2)),
                    from, to));
            return loss;
        }

        private static void update(float[] theta, float[] g, float[] s, float[] r, float decay, float b1, float c1,
                                   float b2, float c2, float e, float stepSize, float inverseRootCorrection2,
                                   int from, int to) {
            for (int i = from; i < to; i++) {
                float gi = g[i];
                float ti = theta[i] * decay;
                float si = b1 * s[i] + c1 * gi;
                float ri = b2 * r[i] + c2 * (gi * gi);
                s[i] = si;
                r[i] = ri;
                theta[i] = ti - stepSize * (si / ((float) Math.sqrt(ri) * inverseRootCorrection2 + e));
            }
        }
    }
}
