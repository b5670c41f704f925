package org.optbench.optimizers;

/**
 * Delta-bar-delta ({@code delta-bar-delta}, Jacobs 1988, "Increased rates of convergence through learning rate
 * adaptation"): per-parameter rates η_i and a running average δ̄ of past gradients. For each parameter, if
 * {@code δ̄_i · g_i > 0} then {@code η_i ← η_i + κ}, if {@code < 0} then {@code η_i ← (1 − φ) η_i}; then
 * {@code θ_i ← θ_i − η_i g_i} and {@code δ̄ ← (1 − β) g + β δ̄} (δ̄ starts at 0, so the first step is plain SGD).
 *
 * <p>The scheduled rate: the per-parameter rates start at the rate passed to the first
 * {@link OptimizerState#step} (the schedule's η_0, normally {@code lr}) and from then on adapt by the rule
 * alone; later scheduled rates are ignored, because the rule is its own rate schedule. The rule is meant for
 * full-batch gradients ({@link #expectsFullBatch()}): the harness warns when mini-batches are smaller.
 *
 * <p>Defaults: {@code lr} = {@value #DEFAULT_LEARNING_RATE} (SPEC gives none), {@code kappa} κ =
 * {@value #DEFAULT_KAPPA}, {@code phi} φ = {@value #DEFAULT_PHI}, {@code beta} β = {@value #DEFAULT_BETA}.
 * State: η_i and δ̄ (float32). Float32 arithmetic.
 *
 * @param learningRate the initial per-parameter rate ({@code lr}), finite and &gt; 0
 * @param kappa κ ({@code kappa}), the additive increase, finite and &gt;= 0
 * @param phi φ ({@code phi}), the multiplicative decrease, in [0, 1]
 * @param beta β ({@code beta}), the weight of the past in δ̄, in [0, 1)
 */
public record DeltaBarDelta(double learningRate, double kappa, double phi, double beta) implements Optimizer {

    /** The user-facing name. */
    public static final String NAME = "delta-bar-delta";
    /** Default {@code lr}, the initial per-parameter rate. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;
    /** Default {@code kappa} κ, per SPEC. */
    public static final double DEFAULT_KAPPA = 1e-4;
    /** Default {@code phi} φ, per SPEC. */
    public static final double DEFAULT_PHI = 0.1;
    /** Default {@code beta} β, per SPEC. */
    public static final double DEFAULT_BETA = 0.7;

    public DeltaBarDelta {
        Checks.positive(NAME, "lr", learningRate);
        Checks.nonNegative(NAME, "kappa", kappa);
        Checks.inZeroOneClosed(NAME, "phi", phi);
        Checks.inZeroOneOpen(NAME, "beta", beta);
    }

    /** Delta-bar-delta with every default. */
    public DeltaBarDelta() {
        this(DEFAULT_LEARNING_RATE, DEFAULT_KAPPA, DEFAULT_PHI, DEFAULT_BETA);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean expectsFullBatch() {
        return true;
    }

    @Override
    public OptimizerState init(int dimension) {
        return new State(dimension, this);
    }

    private static final class State extends ArrayState {
        private final float kappa;
        private final float keep;
        private final float beta;
        private final float oneMinusBeta;
        private final float[] rates;
        private final float[] averageGradient;
        private boolean started;

        State(int dimension, DeltaBarDelta rule) {
            super(NAME, dimension);
            this.kappa = (float) rule.kappa;
            this.keep = (float) (1 - rule.phi);
            this.beta = (float) rule.beta;
            this.oneMinusBeta = (float) (1 - rule.beta);
            this.rates = new float[dimension];
            this.averageGradient = new float[dimension];
        }

        @Override
        public double step(float[] theta, Objective batch, double learningRate) {
            checkLength(theta, batch);
            if (!started) {
                java.util.Arrays.fill(rates, (float) learningRate);
                started = true;
            }
            double loss = batch.lossAndGradient(theta, gradient);
            float[] g = gradient;
            float[] eta = rates;
            float[] average = averageGradient;
            float k = kappa;
            float shrink = keep;
            float b = beta;
            float c = oneMinusBeta;
            int n = theta.length;
            // The sign tests stay branches: C2 on JDK 17 vectorizes neither selects nor Math.min/max here (a
            // branch-free form with min/max measured half as fast), and the signs change rarely, so the branches
            // predict well. This is the one rule whose loop is scalar.
            for (int i = 0; i < n; i++) {
                float gi = g[i];
                float ai = average[i];
                float agreement = ai * gi;
                float rate = eta[i];
                if (agreement > 0) {
                    rate += k;
                } else if (agreement < 0) {
                    rate *= shrink;
                }
                eta[i] = rate;
                theta[i] -= rate * gi;
                average[i] = c * gi + b * ai;
            }
            return loss;
        }
    }
}
