package org.optbench.optimizers.regularizers;

import org.optbench.optimizers.Checks;
import org.optbench.optimizers.ParameterLayout;

/**
 * Max-norm constraint ({@code max-norm}, Srebro and Shraibman 2005; Srivastava et al. 2014): after each update,
 * every unit's incoming weight vector w (one row of a weight block of the layout) with {@code ‖w‖₂ > c} is
 * rescaled to {@code c · w / ‖w‖₂}. Bias blocks are left alone.
 *
 * <p>Default: {@code c} = {@value #DEFAULT_MAX_NORM} (Srivastava et al. report 3 to 4 working well with
 * dropout). The norm is accumulated in double.
 *
 * @param c the largest allowed norm ({@code c}), finite and &gt; 0
 */
public record MaxNorm(double c) implements Projection {

    /** The user-facing name. */
    public static final String NAME = "max-norm";
    /** Default {@code c}. */
    public static final double DEFAULT_MAX_NORM = 3.0;

    public MaxNorm {
        Checks.positive(NAME, "c", c);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void project(float[] theta, ParameterLayout layout) {
        for (ParameterLayout.Block block : layout.blocks()) {
            if (block.kind() != ParameterLayout.Kind.WEIGHT) {
                continue;
            }
            int columns = block.columns();
            for (int row = 0; row < block.rows(); row++) {
                int start = block.offset() + row * columns;
                int end = start + columns;
                double squares = 0;
                for (int i = start; i < end; i++) {
                    double value = theta[i];
                    squares += value * value;
                }
                double norm = Math.sqrt(squares);
                if (norm > c) {
                    double scale = c / norm;
                    for (int i = start; i < end; i++) {
                        theta[i] = (float) (theta[i] * scale);
                    }
                }
            }
        }
    }
}
