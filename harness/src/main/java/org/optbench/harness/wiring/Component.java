package org.optbench.harness.wiring;

import java.util.List;

/**
 * What every named component declares about itself: its name, a one-line description and its parameters. The
 * factory interfaces ({@link OptimizerFactory}, {@link ScheduleFactory}, ...) add the method that builds it.
 */
public interface Component {

    /** The user-facing name, e.g. {@code adam}. */
    String name();

    /** One line saying what the component is, with its formula or paper where there is one. */
    String description();

    /** The parameters, in the order they are written back in outputs. */
    List<ParameterSpec> parameters();
}
