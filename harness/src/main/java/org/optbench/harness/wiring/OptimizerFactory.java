package org.optbench.harness.wiring;

import org.optbench.optimizers.Optimizer;

/** Builds an optimizer from typed parameters; contributed to the {@code MapBinder<String, OptimizerFactory>}. */
public interface OptimizerFactory extends Component {

    /**
     * Creates the optimizer. Range checks are the optimizer record's own: an {@link IllegalArgumentException}
     * from its constructor becomes the user's error message.
     */
    Optimizer create(ParameterValues values);
}
