package org.optbench.harness.wiring;

import java.io.IOException;
import org.optbench.datasets.Dataset;

/** Loads or generates a data set; contributed to the {@code MapBinder<String, DatasetFactory>}. */
public interface DatasetFactory extends Component {

    /**
     * Loads the data set. Called once per run and data set, before any trial starts.
     *
     * @throws IOException when the data cannot be read or fetched
     */
    Dataset load(ParameterValues values, DataOptions options) throws IOException;
}
