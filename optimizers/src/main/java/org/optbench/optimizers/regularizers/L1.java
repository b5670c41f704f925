package org.optbench.optimizers.regularizers;

import org.optbench.optimizers.Checks;
import org.optbench.optimizers.ParameterLayout;

/**
 * L1 penalty ({@code l1}, lasso): loss {@code + λ Σ |θ|}, gradient {@code + λ sign(θ)} with sign(0) = 0, over
 * the weight blocks of the layout (and the bias blocks too when {@code includeBiases}).
 *
 * <p>Defaults: {@code lambda} λ = {@value #DEFAULT_LAMBDA}, biases excluded. The penalty is summed in double.
 *
 * @param lambda λ ({@code lambda}), finite and &gt;= 0
 * @param includeBiases whether bias blocks are penalized too ({@code biases})
 */
public record L1(double lambda, boolean includeBiases) implements Penalty {

    /** The user-facing name. */
    public static final String NAME = "l1";
    /** Default {@code lambda}. */
    public static final double DEFAULT_LAMBDA = 1e-4;
    /** Default: biases are not penalized. */
    public static final boolean DEFAULT_INCLUDE_BIASES = false;

    public L1 {
        Checks.nonNegative(NAME, "lambda", lambda);
    }

    /** L1 with the given λ, biases excluded. */
    public L1(double lambda) {
        this(lambda, DEFAULT_INCLUDE_BIASES);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public double penalty(float[] theta, ParameterLayout layout) {
        double sum = 0;
        for (ParameterLayout.Block block : layout.blocks()) {
            if (applies(block)) {
                int end = block.offset() + block.size();
                for (int i = block.offset(); i < end; i++) {
                    sum += Math.abs((double) theta[i]);
                }
            }
        }
        return lambda * sum;
    }

    @Override
    public void addGradient(float[] theta, float[] gradient, ParameterLayout layout) {
        float scale = (float) lambda;
        for (ParameterLayout.Block block : layout.blocks()) {
            if (applies(block)) {
                int end = block.offset() + block.size();
                for (int i = block.offset(); i < end; i++) {
                    // Math.signum is 0 at ±0 (and NaN at NaN, which then shows up in the loss as it should)
                    gradient[i] += scale * Math.signum(theta[i]);
                }
            }
        }
    }

    private boolean applies(ParameterLayout.Block block) {
        return includeBiases || block.kind() == ParameterLayout.Kind.WEIGHT;
    }
}
