package org.optbench.datasets;

/**
 * One split of a data set: {@code count} examples of {@code featureCount} features, row-major, with either class
 * labels (classification) or real-valued targets (regression).
 *
 * <p>The features are held one of two ways. A split built with the public constructor holds them as a float array
 * (synthetic data, plug-ins). An image split ({@link ImageDatasets}) holds only an index per example into the
 * file's bytes, shared by every load option of the JVM, and converts a row to floats when it is read: models read
 * rows through {@link #copyRow}, {@link #copyRows(int[], int, int, float[])} and {@link #copyRows(int, int, float[])}
 * into their own buffers, which gives the same floats either way.
 */
public final class DataSplit {

    private final String name;
    private final int count;
    private final int featureCount;
    private final int[] labels;
    private final int targetCount;
    private final float[] targets;
    /** The float features, or for an image split {@code null} until {@link #features()} makes them. */
    private volatile float[] features;
    /** The image split's bytes, or {@code null} for a float split. */
    private final ByteRows bytes;

    /**
     * A split holding its features as floats.
     *
     * @param name {@code train}, {@code validation} or {@code test}
     * @param count number of examples
     * @param featureCount features per example
     * @param features {@code count × featureCount} values, row-major
     * @param labels the class of each example in {@code [0, classCount)}, or {@code null} for regression
     * @param targetCount targets per example for regression, 0 for classification
     * @param targets {@code count × targetCount} values, row-major, or {@code null} for classification
     */
    public DataSplit(String name, int count, int featureCount, float[] features, int[] labels, int targetCount,
            float[] targets) {
        this(name, count, featureCount, features, null, labels, targetCount, targets);
        if (features.length != (long) count * featureCount) {
            throw new IllegalArgumentException("split " + name + ": " + features.length + " feature values do not match "
                    + count + " examples of " + featureCount + " features");
        }
    }

    private DataSplit(String name, int count, int featureCount, float[] features, ByteRows bytes, int[] labels,
            int targetCount, float[] targets) {
        if (count < 0 || featureCount < 1) {
            throw new IllegalArgumentException("split " + name + ": " + count + " examples of " + featureCount
                    + " features (count must be >= 0 and features >= 1)");
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
        this.name = name;
        this.count = count;
        this.featureCount = featureCount;
        this.features = features;
        this.bytes = bytes;
        this.labels = labels;
        this.targetCount = targetCount;
        this.targets = targets;
    }

    /** An image split over shared bytes: no pixel is copied. */
    static DataSplit ofBytes(String name, ByteRows bytes, int[] labels) {
        return new DataSplit(name, bytes.count(), bytes.width(), null, bytes, labels, 0, null);
    }

    /** {@code train}, {@code validation} or {@code test}. */
    public String name() {
        return name;
    }

    /** Number of examples. */
    public int count() {
        return count;
    }

    /** Features per example. */
    public int featureCount() {
        return featureCount;
    }

    /** The class of each example in {@code [0, classCount)}, or {@code null} for regression; shared, never modify. */
    public int[] labels() {
        return labels;
    }

    /** Targets per example for regression, 0 for classification. */
    public int targetCount() {
        return targetCount;
    }

    /** {@code count × targetCount} values, row-major, or {@code null} for classification; shared, never modify. */
    public float[] targets() {
        return targets;
    }

    /** Whether this split has class labels. */
    public boolean isClassification() {
        return labels != null;
    }

    /**
     * All features, {@code count × featureCount} values, row-major; shared, never modify. An image split makes this
     * float copy on the first call and keeps it (4 bytes per pixel, the memory its bytes save): read rows with
     * {@link #copyRows} instead, as optbench's models do.
     */
    public float[] features() {
        float[] all = features;
        if (all == null) {
            synchronized (this) {
                all = features;
                if (all == null) {
                    all = new float[count * featureCount];
                    copyRows(0, count, all);
                    features = all;
                }
            }
        }
        return all;
    }

    /** Writes the features of example {@code example} into {@code out} at {@code offset}. */
    public void copyRow(int example, float[] out, int offset) {
        if (bytes != null) {
            bytes.copyRow(example, out, offset);
        } else {
            System.arraycopy(features, example * featureCount, out, offset, featureCount);
        }
    }

    /** Writes the features of examples {@code order[from..to)} contiguously into {@code out} from index 0. */
    public void copyRows(int[] order, int from, int to, float[] out) {
        for (int position = from; position < to; position++) {
            copyRow(order[position], out, (position - from) * featureCount);
        }
    }

    /** Writes the features of examples {@code first..first+rows-1} contiguously into {@code out} from index 0. */
    public void copyRows(int first, int rows, float[] out) {
        if (bytes == null) {
            System.arraycopy(features, first * featureCount, out, 0, rows * featureCount);
            return;
        }
        for (int r = 0; r < rows; r++) {
            bytes.copyRow(first + r, out, r * featureCount);
        }
    }

    /**
     * The examples at positions {@code examples} of this split, in that order, under the same name: an image split
     * gives a view over the same bytes (an index per example), a float split a copy of the rows.
     */
    public DataSplit select(int[] examples) {
        int n = examples.length;
        int[] keptLabels = null;
        float[] keptTargets = null;
        if (labels != null) {
            keptLabels = new int[n];
            for (int i = 0; i < n; i++) {
                keptLabels[i] = labels[examples[i]];
            }
        } else {
            keptTargets = new float[n * targetCount];
            for (int i = 0; i < n; i++) {
                System.arraycopy(targets, examples[i] * targetCount, keptTargets, i * targetCount, targetCount);
            }
        }
        if (bytes != null) {
            return new DataSplit(name, n, featureCount, null, bytes.select(examples), keptLabels, 0, null);
        }
        float[] kept = new float[n * featureCount];
        copyRows(examples, 0, n, kept);
        return new DataSplit(name, n, featureCount, kept, keptLabels, targetCount, keptTargets);
    }

    /** The shared bytes behind an image split, or {@code null}: for tests of the sharing. */
    ByteRows bytes() {
        return bytes;
    }
}
