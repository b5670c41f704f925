package org.optbench.harness.wiring;

import org.optbench.optimizers.regularizers.Regularizer;

/** Builds a regularizer; contributed to the {@code MapBinder<String, RegularizerFactory>}. */
public interface RegularizerFactory extends Component {

    /** Creates the regularizer; its record validates the values. */
    Regularizer create(ParameterValues values);
}
