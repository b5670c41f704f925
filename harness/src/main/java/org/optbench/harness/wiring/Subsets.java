package org.optbench.harness.wiring;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.optbench.datasets.BatchPlan;
import org.optbench.datasets.DataSplit;
import org.optbench.datasets.Dataset;

/** Seeded training subsets of synthetic data sets. */
final class Subsets {

    private Subsets() {
    }

    /**
     * The data set with {@code count} training examples picked by a seeded permutation (kept in their original
     * order), the same for every trial of a run.
     */
    static Dataset random(Dataset dataset, int count, long seed) {
        DataSplit train = dataset.train();
        int[] picked = Arrays.copyOf(BatchPlan.permutation(train.count(), new SplittableRandom(seed)), count);
        Arrays.sort(picked);
        DataSplit kept = train.select(picked);
        return new Dataset(dataset.name(), kept, dataset.validation(), dataset.test(), dataset.classCount(), dataset.inputShape());
    }
}
