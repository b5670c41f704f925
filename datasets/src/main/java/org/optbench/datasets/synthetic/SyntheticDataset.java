package org.optbench.datasets.synthetic;

import org.optbench.datasets.Dataset;

/**
 * A seeded generator of a synthetic data set with a known structure. {@code n} is the number of training
 * examples; the validation and test splits are drawn independently from the same distribution with
 * {@link #heldOutCount(int)} examples each. The same seed always gives the same data set; the three splits come
 * from separate streams split off {@code new SplittableRandom(seed)} in the order train, validation, test (after
 * any stream the generator needs for the problem itself, such as true weights).
 */
public interface SyntheticDataset {

    /** The user-facing name, e.g. {@code blobs}. */
    String name();

    /** Generates the data set for {@code seed}. */
    Dataset generate(long seed);

    /** Examples in each of the validation and test splits for {@code n} training examples: {@code max(1, ⌊n / 5⌋)}. */
    static int heldOutCount(int n) {
        return Math.max(1, n / 5);
    }
}
