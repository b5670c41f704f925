package org.optbench.harness.models;

/**
 * Multinomial logistic regression: {@code p = softmax(W x + b)} with mean cross-entropy loss (stable
 * log-sum-exp). Layout {@code dense0.weight} [classes][inputs] then {@code dense0.bias} [classes]; Glorot
 * uniform initialization, biases 0. Shares the batched kernels of {@link Mlp} (no hidden layer).
 */
public final class SoftmaxRegression extends DenseModel {

    /**
     * @param inputs features per example
     * @param classes number of classes, at least 2
     */
    public SoftmaxRegression(int inputs, int classes) {
        this(inputs, classes, 1);
    }

    /** As {@link #SoftmaxRegression(int, int)} with {@code threads} per matrix product. */
    public SoftmaxRegression(int inputs, int classes, int threads) {
        super("softmax", inputs, new int[0], Activation.RELU, classes, OutputLoss.SOFTMAX_CROSS_ENTROPY, null,
                threads);
    }
}
