package org.optbench.optimizers.regularizers;

import org.optbench.optimizers.Checks;
import org.optbench.optimizers.ParameterLayout;

/**
 * L2 penalty ({@code l2}, weight decay): loss {@code + λ Σ θ²}, gradient {@code + 2 λ θ}, over the weight blocks
 * of the layout (and the bias blocks too when {@code includeBiases}). PyTorch's {@code weight_decay} w equals
 * λ = w / 2.
 *
 * <p>Defaults: {@code lambda} λ = {@value #DEFAULT_LAMBDA}, biases excluded. The penalty is summed in double;
 * the gradient term is added in float32 with the coefficient 2λ rounded once, as PyTorch adds {@code w θ}.
 *
 * @param lambda λ ({@code lambda}), finite and &gt;= 0
 * @param includeBiases whether bias blocks are penalized too ({@code biases})
 */
public record L2(double lambda, boolean includeBiases) implements Penalty {

    /** The user-facing name. */
    public static final String NAME = "l2";
    /** Default {@code lambda}. */
    public static final double DEFAULT_LAMBDA = 1e-4;
    /** Default: biases are not penalized. */
    public static final boolean DEFAULT_INCLUDE_BIASES = false;

    public L2 {
        Checks.nonNegative(NAME, "lambda", lambda);
    }

    /** L2 with the given λ, biases excluded. */
    public L2(double lambda) {
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
                    double value = theta[i];
                    sum += value * value;
                }
            }
        }
        return lambda * sum;
    }

    @Override
    public void addGradient(float[] theta, float[] gradient, ParameterLayout layout) {
        float scale = (float) (2 * lambda);
        for (ParameterLayout.Block block : layout.blocks()) {
            if (applies(block)) {
                int end = block.offset() + block.size();
                for (int i = block.offset(); i < end; i++) {
                    gradient[i] += scale * theta[i];
                }
            }
        }
    }

    private boolean applies(ParameterLayout.Block block) {
        return includeBiases || block.kind() == ParameterLayout.Kind.WEIGHT;
    }
}
