package org.optbench.optimizers.regularizers;

/**
 * A regularizer. Each acts at one explicit hook point of training, given by the sub-type it implements:
 * <ul>
 *   <li>{@link Penalty}: adds to the loss and its gradient, wherever the objective is evaluated;</li>
 *   <li>{@link Projection}: changes the parameters after each update ({@code max-norm});</li>
 *   <li>{@link Dropout}: masks hidden activations inside the model during training;</li>
 *   <li>{@link EarlyStopping}: watches a validation metric between epochs.</li>
 * </ul>
 * {@link RegularizerSet} combines several of them for one trial.
 */
public interface Regularizer {

    /** The user-facing name, as in docs/math.md ({@code l2}, {@code max-norm}, ...). */
    String name();
}
