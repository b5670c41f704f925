package org.optbench.harness.models;

import org.optbench.optimizers.regularizers.Dropout;

/**
 * A multilayer perceptron {@code inputs → hidden[0] → … → outputs}, trained a whole mini-batch at a time in the
 * matrix form of seed 003 (see {@code DenseStack}). Hidden layers use one {@link Activation}; the output layer is
 * softmax + cross-entropy or identity + squared error ({@link OutputLoss}). Optional inverted dropout on every
 * hidden layer's activations while training, never at evaluation.
 *
 * <p>Layout: for each layer l, {@code dense{l}.weight} [out][in] (WEIGHT) then {@code dense{l}.bias} [out] (BIAS).
 * Initialization ({@link WeightInit}): by default He normal for layers feeding a ReLU, Glorot uniform otherwise;
 * or one distribution for every layer; biases 0.
 */
public final class Mlp extends DenseModel {

    /**
     * @param inputs features per example (784 for MNIST)
     * @param hidden units of each hidden layer, e.g. {@code {128}} or {@code {256, 128}}; may be empty
     * @param activation hidden-layer activation
     * @param outputs classes (softmax) or targets (squared error)
     * @param loss output layer and loss
     * @param dropoutOrNull dropout on hidden activations, or null for none
     */
    public Mlp(int inputs, int[] hidden, Activation activation, int outputs, OutputLoss loss, Dropout dropoutOrNull) {
        this(inputs, hidden, activation, outputs, loss, dropoutOrNull, 1);
    }

    /** As {@link #Mlp(int, int[], Activation, int, OutputLoss, Dropout)} with {@code threads} per matrix product. */
    public Mlp(int inputs, int[] hidden, Activation activation, int outputs, OutputLoss loss, Dropout dropoutOrNull,
            int threads) {
        this(inputs, hidden, activation, outputs, loss, dropoutOrNull, threads, null);
    }

    /**
     * As {@link #Mlp(int, int[], Activation, int, OutputLoss, Dropout, int)} with every layer's weights drawn by
     * {@code init}, or by the activation's default when {@code init} is null.
     */
    public Mlp(int inputs, int[] hidden, Activation activation, int outputs, OutputLoss loss, Dropout dropoutOrNull,
            int threads, WeightInit init) {
        super("mlp", inputs, hidden, activation, outputs, loss, dropoutOrNull, threads, init);
    }
}
