package org.optbench.optimizers;

/**
 * What is being minimized, with one mini-batch (or one noise draw) fixed: its loss and gradient at a point.
 *
 * <p>Implementations may keep scratch buffers and are therefore not thread-safe; each trial owns its own.
 */
public interface Objective {

    /** Number of parameters, the length of every point and gradient. */
    int dimension();

    /**
     * Evaluates the objective at {@code point}.
     *
     * @param point the parameters, length {@link #dimension()}; not modified
     * @param gradientOut overwritten with the gradient of the loss at {@code point}
     * @return the loss at {@code point}
     */
    double lossAndGradient(float[] point, float[] gradientOut);

    /**
     * Runs an element-wise {@code update} over [0, {@code length}) as disjoint ranges that together cover it, possibly
     * several at once on the threads this objective's model was given. The default runs one range on the calling
     * thread; a model trained with spare cores splits it (docs/performance.md, "Threads"). Every built-in rule passes
     * its per-parameter loop here, so its update takes the same cores as the gradient.
     *
     * <p>The update must treat each index alone: for i in its range it reads and writes only index i of its arrays
     * (and constants), so the result cannot depend on how the range is cut or which thread runs a piece. A rule that
     * needs more (a norm over all parameters, say) computes that part itself before or after.
     *
     * @param length the end of the range, ≥ 0
     * @param update called with each piece [from, to); may be called on other threads, one piece per call
     */
    default void forEachRange(int length, RangeUpdate update) {
        update.apply(0, length);
    }

    /** An element-wise update of the indices [from, to), for {@link #forEachRange}. */
    @FunctionalInterface
    interface RangeUpdate {
        void apply(int from, int to);
    }
}
