package org.optbench.datasets.synthetic;

import java.util.SplittableRandom;
import org.optbench.datasets.DataSplit;
import org.optbench.datasets.Dataset;

/**
 * Gaussian blobs: {@code classes} isotropic Gaussian clusters of unit standard deviation in {@code dim}
 * dimensions, {@code x = c_k + ε}, {@code ε ~ N(0, I)}. The centres are fixed, not random, so that
 * {@code separation} means one thing: the distance between neighbouring centres in units of the within-class
 * standard deviation. With {@code dim = 1} the centres sit on a line, {@code c_k = separation · (k − (K − 1)/2)};
 * with {@code dim ≥ 2} they sit on a circle in the first two coordinates,
 * {@code c_k = r (cos 2πk/K, sin 2πk/K, 0, …)} with {@code r = separation / (2 sin(π/K))}; further coordinates are
 * pure noise. Example {@code i} has class {@code i mod K}, so the classes are balanced.
 *
 * @param classes number of classes K, at least 2 [3]
 * @param dim feature dimension, at least 1 [2]
 * @param separation distance between neighbouring centres, at least 0 [3.0]
 * @param n training examples, at least {@code classes} [1000]
 */
public record Blobs(int classes, int dim, double separation, int n) implements SyntheticDataset {

    public Blobs {
        if (classes < 2) {
            throw new IllegalArgumentException("blobs: classes must be >= 2, got " + classes);
        }
        if (dim < 1) {
            throw new IllegalArgumentException("blobs: dim must be >= 1, got " + dim);
        }
        if (!(separation >= 0) || Double.isInfinite(separation)) {
            throw new IllegalArgumentException("blobs: separation must be a finite value >= 0, got " + separation);
        }
        if (n < classes) {
            throw new IllegalArgumentException("blobs: n must be >= classes (" + classes + "), got " + n);
        }
    }

    /** 3 classes in 2-D, separation 3, 1000 training examples. */
    public Blobs() {
        this(3, 2, 3.0, 1000);
    }

    @Override
    public String name() {
        return "blobs";
    }

    /** The centre of class {@code k}, as documented above. */
    public double[] centre(int k) {
        double[] centre = new double[dim];
        if (dim == 1) {
            centre[0] = separation * (k - (classes - 1) / 2.0);
        } else {
            double radius = separation / (2 * Math.sin(Math.PI / classes));
            centre[0] = radius * Math.cos(2 * Math.PI * k / classes);
            centre[1] = radius * Math.sin(2 * Math.PI * k / classes);
        }
        return centre;
    }

    @Override
    public Dataset generate(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        int heldOut = SyntheticDataset.heldOutCount(n);
        double[][] centres = new double[classes][];
        for (int k = 0; k < classes; k++) {
            centres[k] = centre(k);
        }
        DataSplit train = split("train", n, centres, root.split());
        DataSplit validation = split("validation", heldOut, centres, root.split());
        DataSplit test = split("test", heldOut, centres, root.split());
        return new Dataset(name(), train, validation, test, classes, new int[] {dim});
    }

    private DataSplit split(String splitName, int count, double[][] centres, SplittableRandom random) {
        float[] features = new float[count * dim];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int k = i % classes;
            labels[i] = k;
            for (int d = 0; d < dim; d++) {
                features[i * dim + d] = (float) (centres[k][d] + random.nextGaussian());
            }
        }
        return new DataSplit(splitName, count, dim, features, labels, 0, null);
    }
}
