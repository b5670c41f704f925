package org.optbench.datasets;

/**
 * A data set ready for training: its three splits, already scaled (and standardized if asked), and its shape.
 *
 * @param name the data set's component name as written by the user, e.g. {@code mnist} or {@code blobs(classes=3)}
 * @param train the training split
 * @param validation the validation split (may have 0 examples)
 * @param test the test split (may have 0 examples)
 * @param classCount the number of classes, or 0 for a regression data set
 * @param inputShape the shape of one example, e.g. {@code [1, 28, 28]} for images or {@code [d]} for vectors;
 *     its product equals the feature count
 */
public record Dataset(String name, DataSplit train, DataSplit validation, DataSplit test, int classCount,
        int[] inputShape) {

    public Dataset {
        long product = 1;
        for (int size : inputShape) {
            product *= size;
        }
        if (product != train.featureCount()) {
            throw new IllegalArgumentException("data set " + name + ": input shape does not match " + train.featureCount() + " features");
        }
    }

    /** Whether the data set is a classification problem. */
    public boolean isClassification() {
        return classCount > 0;
    }
}
