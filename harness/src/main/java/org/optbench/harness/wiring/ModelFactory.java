package org.optbench.harness.wiring;

import java.util.Optional;
import org.optbench.datasets.Dataset;
import org.optbench.harness.models.Model;
import org.optbench.optimizers.regularizers.Dropout;

/** Builds a model for a data set; contributed to the {@code MapBinder<String, ModelFactory>}. */
public interface ModelFactory extends Component {

    /**
     * Creates a fresh model for one trial, sized for {@code dataset} (inputs, classes or targets).
     *
     * @param dropout the trial's dropout rule, if its regularizer set has one
     */
    Model create(ParameterValues values, Dataset dataset, Optional<Dropout> dropout);
}
