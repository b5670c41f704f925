package org.optbench.datasets;

/**
 * One split of a data set held in memory: {@code count} examples of {@code featureCount} features, row-major,
 * with either class labels (classification) or real-valued targets (regression).
 *
 * @param name {@code train}, {@code validation} or {@code test}
 * @param count number of examples
 * @param featureCount features per example
 * @param features {@code count × featureCount} values, row-major
 * @param labels the class of each example in {@code [0, classCount)}, or {@code null} for regression
 * @param targetCount targets per example for regression, 0 for classification
 * @param targets {@code count × targetCount} values, row-major, or {@code null} for classification
 */
public record DataSplit(String name, int count, int featureCount, float[] features, int[] labels, int targetCount,
        float[] targets) {

    public DataSplit {
        if (count < 0 || featureCount < 1 || features.length != (long) count * featureCount) {
            throw new IllegalArgumentException("split " + name + ": " + features.length + " feature values do not match "
                    + count + " examples of " + featureCount + " features");
        }
        if ((labels == null) == (targets == null)) {
            throw new IllegalArgumentException("split " + name + ": exactly one of labels and targets must be given");
        }
        if (labels != null && labels.length != count) {
            throw new IllegalArgumentException("split " + name + ": " + labels.length + " labels for " + count + " examples");
        }
        if (targets != null && (targetCount < 1 || targets.length != (long) count * targetCount)) {
            throw new IllegalArgumentException("split " + name + ": " + targets.length + " target values do not match "
                    + count + " examples of " + targetCount + " targets");
        }
    }

    /** Whether this split has class labels. */
    public boolean isClassification() {
        return labels != null;
    }
}
