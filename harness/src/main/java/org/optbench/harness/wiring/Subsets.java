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
        int features = train.featureCount();
        float[] x = new float[count * features];
        int[] labels = train.labels() == null ? null : new int[count];
        float[] targets = train.targets() == null ? null : new float[count * train.targetCount()];
        for (int i = 0; i < count; i++) {
            int source = picked[i];
            System.arraycopy(train.features(), source * features, x, i * features, features);
            if (labels != null) {
                labels[i] = train.labels()[source];
            }
            if (targets != null) {
                System.arraycopy(train.targets(), source * train.targetCount(), targets, i * train.targetCount(), train.targetCount());
            }
        }
        DataSplit kept = new DataSplit(train.name(), count, features, x, labels, train.targetCount(), targets);
        return new Dataset(dataset.name(), kept, dataset.validation(), dataset.test(), dataset.classCount(), dataset.inputShape());
    }
}
