package org.optbench.harness.wiring;

/**
 * A named component with its typed parameters, ready to build.
 *
 * @param factory the component's factory
 * @param values every parameter's given or default value
 */
public record Resolved<F extends Component>(F factory, ParameterValues values) {

    /** The component with every parameter resolved, e.g. {@code adam(lr=0.001, beta1=0.9, ...)}. */
    public String canonical() {
        return values.canonical();
    }
}
