package org.optbench.harness.models;

/** The output layer and its loss, averaged over the examples of a batch. */
public enum OutputLoss {
    /**
     * Softmax then cross-entropy against the class label: per example {@code log Σ_j e^(z_j) − z_y}, computed as a
     * stable log-sum-exp (the maximum is subtracted first). Gradient {@code (softmax(z) − onehot(y)) / m}.
     */
    SOFTMAX_CROSS_ENTROPY,
    /**
     * Identity output and squared error summed over the outputs: per example {@code Σ_j (z_j − t_j)²} (with one
     * output this is PyTorch's {@code MSELoss}). Gradient {@code 2 (z − t) / m}.
     */
    MEAN_SQUARED_ERROR;

    /** Whether this loss needs class labels (otherwise real-valued targets). */
    public boolean classification() {
        return this == SOFTMAX_CROSS_ENTROPY;
    }
}
