package org.optbench.harness.models;

/**
 * Linear regression {@code ŷ = W x + b} with the squared error summed over outputs and averaged over the batch,
 * {@code (1/m) Σ_i ‖ŷ_i − y_i‖²}. Layout {@code dense0.weight} [outputs][inputs] then {@code dense0.bias}
 * [outputs]; Glorot uniform initialization, biases 0.
 */
public final class LinearRegressionModel extends DenseModel {

    /**
     * @param inputs features per example
     * @param outputs targets per example
     */
    public LinearRegressionModel(int inputs, int outputs) {
        this(inputs, outputs, 1);
    }

    /** As {@link #LinearRegressionModel(int, int)} with {@code threads} per matrix product. */
    public LinearRegressionModel(int inputs, int outputs, int threads) {
        super("linear", inputs, new int[0], Activation.RELU, outputs, OutputLoss.MEAN_SQUARED_ERROR, null, threads);
    }
}
