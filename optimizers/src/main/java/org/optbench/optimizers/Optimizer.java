package org.optbench.optimizers;

/**
 * An update rule's immutable hyper-parameters (after optax's {@code GradientTransformation}): it holds no
 * per-trial data, and {@link #init(int)} creates the explicit state of one trial.
 *
 * <p>Implementations are records whose compact constructor validates every hyper-parameter with a message
 * naming the optimizer, the parameter, the allowed range and the value, such as
 * {@code adam: beta2 must be in [0, 1), got 1.5}.
 */
public interface Optimizer {

    /** The user-facing name, as in docs/math.md ({@code adam}, {@code nesterov-simplified}, ...). */
    String name();

    /**
     * The base learning rate η_0 (the user-facing key {@code lr}); the trial's schedule shapes it over time and
     * passes the result to {@link OptimizerState#step}.
     */
    double learningRate();

    /** Creates fresh state (all accumulators zero) for a parameter vector of this length. */
    OptimizerState init(int dimension);

    /**
     * Whether the rule is meant for full-batch gradients (delta-bar-delta): the harness warns, and does not
     * fail, when such a rule runs on mini-batches smaller than the training set.
     */
    default boolean expectsFullBatch() {
        return false;
    }

    /**
     * Whether the rule uses every rate the schedule passes to {@link OptimizerState#step}. False for rules that set
     * their own rates after the first step (delta-bar-delta): the harness refuses them with any schedule but
     * {@code constant}, since a decaying schedule would change nothing but the recorded {@code lr} column.
     */
    default boolean followsSchedule() {
        return true;
    }
}
