package org.optbench.harness.models;

import java.util.SplittableRandom;
import java.util.function.IntSupplier;
import org.optbench.datasets.DataSplit;
import org.optbench.optimizers.Objective;
import org.optbench.optimizers.ParameterLayout;

/**
 * A trainable model over a flat float parameter vector, with the forward and backward passes of a whole
 * mini-batch. An instance belongs to one trial: it keeps scratch buffers and is not thread-safe.
 */
public interface Model {

    /** Where the weights and biases sit in the parameter vector. */
    ParameterLayout layout();

    /** Number of parameters. */
    default int dimension() {
        return layout().dimension();
    }

    /** Writes seeded initial parameters (He for ReLU layers, Glorot otherwise, biases 0) into {@code parameters}. */
    void initialize(float[] parameters, SplittableRandom random);

    /**
     * The training objective on the examples {@code order[from..to)} of {@code split}: mean loss over the batch
     * and its gradient. Dropout, if the model has it, takes one long from {@code dropoutRandom} (null: no dropout) as
     * the seed of the batch's masks; every evaluation of the returned objective draws the same masks. The returned
     * objective is valid until the next call of this method.
     */
    Objective batch(DataSplit split, int[] order, int from, int to, SplittableRandom dropoutRandom);

    /** Mean loss and accuracy over the whole split, without dropout; accuracy is NaN for regression. */
    Evaluation evaluate(float[] parameters, DataSplit split);

    /**
     * Lets the model split each batch's work over up to {@code threads.getAsInt()} threads, asked again before every
     * {@link #batch} and {@link #evaluate} call so that a running trial can take cores that finished trials free.
     * Results are bitwise identical for any value. Models without matrix products ignore it (the default).
     */
    default void shareThreads(IntSupplier threads) {
    }
}
