package org.optbench.datasets.synthetic;

import java.util.SplittableRandom;
import org.optbench.datasets.DataSplit;
import org.optbench.datasets.Dataset;

/**
 * Two interleaved spirals in 2-D, a two-class problem no linear model separates. Example {@code i} has class
 * {@code c = i mod 2}, a position {@code t ~ U[0.1, 1]} along its arm, and features
 * {@code (t cos(3πt + cπ), t sin(3πt + cπ)) + ε}, {@code ε ~ N(0, noise² I)}: each arm turns 1.5 times and the
 * second is the first rotated by 180°.
 *
 * @param n training examples, at least 2 [1000]
 * @param noise standard deviation of the Gaussian noise on each coordinate, at least 0 [0.05]
 */
public record Spirals(int n, double noise) implements SyntheticDataset {

    public Spirals {
        if (n < 2) {
            throw new IllegalArgumentException("spirals: n must be >= 2, got " + n);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("spirals: noise must be a finite value >= 0, got " + noise);
        }
    }

    /** 1000 training examples, noise 0.05. */
    public Spirals() {
        this(1000, 0.05);
    }

    @Override
    public String name() {
        return "spirals";
    }

    @Override
    public Dataset generate(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        int heldOut = SyntheticDataset.heldOutCount(n);
        DataSplit train = split("train", n, root.split());
        DataSplit validation = split("validation", heldOut, root.split());
        DataSplit test = split("test", heldOut, root.split());
        return new Dataset(name(), train, validation, test, 2, new int[] {2});
    }

    private DataSplit split(String splitName, int count, SplittableRandom random) {
        float[] features = new float[count * 2];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int c = i % 2;
            double t = 0.1 + 0.9 * random.nextDouble();
            double angle = 3 * Math.PI * t + c * Math.PI;
            labels[i] = c;
            features[2 * i] = (float) (t * Math.cos(angle) + noise * random.nextGaussian());
            features[2 * i + 1] = (float) (t * Math.sin(angle) + noise * random.nextGaussian());
        }
        return new DataSplit(splitName, count, 2, features, labels, 0, null);
    }
}
