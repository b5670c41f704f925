package org.optbench.harness.wiring;

import org.optbench.datasets.functions.TestFunction;

/**
 * Builds an analytic test function, which stands in the {@code dataset} slot without a model; contributed to
 * the {@code MapBinder<String, FunctionFactory>}. The harness adds the {@code start} and {@code noise}
 * parameters every function takes; factories do not declare them.
 */
public interface FunctionFactory extends Component {

    /** Creates the function; its record validates the values. */
    TestFunction create(ParameterValues values);
}
