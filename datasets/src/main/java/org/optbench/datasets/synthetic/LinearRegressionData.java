package org.optbench.datasets.synthetic;

import java.util.SplittableRandom;
import org.optbench.datasets.DataSplit;
import org.optbench.datasets.Dataset;

/**
 * Noisy linear regression {@code y = w*·x + ε} without intercept: true weights {@code w*_j ~ N(0, 1)} (drawn
 * first, from the seed's first split stream), inputs {@code x ~ N(0, I)}, noise {@code ε ~ N(0, noise²)}. One
 * target per example, {@code classCount} 0. The least-squares optimum is known: the expected squared error at
 * {@code w*} is {@code noise²}.
 *
 * @param dim feature dimension, at least 1 [10]
 * @param n training examples, at least 1 [1000]
 * @param noise standard deviation of the target noise, at least 0 [0.1]
 */
public record LinearRegressionData(int dim, int n, double noise) implements SyntheticDataset {

    public LinearRegressionData {
        if (dim < 1) {
            throw new IllegalArgumentException("linear-regression: dim must be >= 1, got " + dim);
        }
        if (n < 1) {
            throw new IllegalArgumentException("linear-regression: n must be >= 1, got " + n);
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("linear-regression: noise must be a finite value >= 0, got " + noise);
        }
    }

    /** dim 10, 1000 training examples, noise 0.1. */
    public LinearRegressionData() {
        this(10, 1000, 0.1);
    }

    @Override
    public String name() {
        return "linear-regression";
    }

    /** The true weights {@code w*} that {@link #generate(long)} uses for the same seed. */
    public double[] trueWeights(long seed) {
        return weights(new SplittableRandom(seed).split());
    }

    @Override
    public Dataset generate(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        double[] weights = weights(root.split());
        int heldOut = SyntheticDataset.heldOutCount(n);
        DataSplit train = split("train", n, weights, root.split());
        DataSplit validation = split("validation", heldOut, weights, root.split());
        DataSplit test = split("test", heldOut, weights, root.split());
        return new Dataset(name(), train, validation, test, 0, new int[] {dim});
    }

    private double[] weights(SplittableRandom random) {
        double[] weights = new double[dim];
        for (int j = 0; j < dim; j++) {
            weights[j] = random.nextGaussian();
        }
        return weights;
    }

    private DataSplit split(String splitName, int count, double[] weights, SplittableRandom random) {
        float[] features = new float[count * dim];
        float[] targets = new float[count];
        for (int i = 0; i < count; i++) {
            double y = 0;
            for (int j = 0; j < dim; j++) {
                float x = (float) random.nextGaussian();
                features[i * dim + j] = x;
                y += weights[j] * x;
            }
            targets[i] = (float) (y + noise * random.nextGaussian());
        }
        return new DataSplit(splitName, count, dim, features, null, 1, targets);
    }
}
