package com.example.lion;

import java.util.SplittableRandom;
import org.optbench.datasets.DataSplit;
import org.optbench.datasets.Dataset;

/**
 * Two interleaving half circles in 2-D (as scikit-learn's {@code make_moons}): class 0 on
 * {@code (cos t, sin t)}, class 1 on {@code (1 − cos t, 0.5 − sin t)}, {@code t ~ U[0, π]}, plus
 * {@code N(0, noise²)} on each coordinate. Example i has class i mod 2. Training, validation and test splits
 * (n, n/5, n/5 examples) come from three streams split off the seed in that order, so a seed fixes the data set.
 */
public final class Moons {

    private Moons() {
    }

    /** The data set named {@code name} with {@code n} training examples. */
    public static Dataset generate(String name, int n, double noise, long seed) {
        if (n < 2) {
            throw new IllegalArgumentException("moons: n must be >= 2, got " + n);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("moons: noise must be a finite number >= 0, got " + noise);
        }
        SplittableRandom root = new SplittableRandom(seed);
        int heldOut = Math.max(1, n / 5);
        return new Dataset(name, split("train", n, noise, root.split()), split("validation", heldOut, noise, root.split()),
                split("test", heldOut, noise, root.split()), 2, new int[] {2});
    }

    private static DataSplit split(String name, int count, double noise, SplittableRandom random) {
        float[] features = new float[2 * count];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int c = i % 2;
            double t = Math.PI * random.nextDouble();
            double x = c == 0 ? Math.cos(t) : 1 - Math.cos(t);
            double y = c == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
            labels[i] = c;
            features[2 * i] = (float) (x + noise * random.nextGaussian());
            features[2 * i + 1] = (float) (y + noise * random.nextGaussian());
        }
        return new DataSplit(name, count, 2, features, labels, 0, null);
    }
}
