package org.optbench.harness.trial;

import org.optbench.datasets.Dataset;

/** Gives trials their data set by its canonical component string; implementations share loaded data. */
@FunctionalInterface
public interface DataProvider {

    /** The loaded data set; its arrays are shared and must not be modified. */
    Dataset dataset(String canonical);
}
