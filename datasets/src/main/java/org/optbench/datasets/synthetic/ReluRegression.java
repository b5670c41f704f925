package org.optbench.datasets.synthetic;

import java.util.SplittableRandom;
import org.optbench.datasets.DataSplit;
import org.optbench.datasets.Dataset;

/**
 * The 1-D regression of seed 000 for the scalar two-layer ReLU net {@code ŷ = w2 · max(0, w1 x)}. The first
 * training example is the seed's pair {@code x = 1, y = 0} (so {@code n = 1} is exactly the lecture's example,
 * where {@code w1 = 1/3, w2 = 2} gives {@code ∂L/∂w1 = 8/3, ∂L/∂w2 = 4/9}); the others have
 * {@code x ~ U[−2, 2]}. Every target comes from the teacher net {@code w1* = −1, w2* = 1}, i.e.
 * {@code y = max(0, −x)}, without noise, which also fits the seed's pair. Zero loss is reached exactly at
 * {@code w1 = −a, w2 = 1/a} for any {@code a > 0}; from the lecture's start {@code w1 = 1/3} the net must flip
 * the sign of {@code w1}. Validation and test inputs are all drawn from {@code U[−2, 2]}.
 *
 * @param n training examples, at least 1 [100]
 */
public record ReluRegression(int n) implements SyntheticDataset {

    /** The teacher's first-layer weight. */
    public static final double TEACHER_W1 = -1;
    /** The teacher's second-layer weight. */
    public static final double TEACHER_W2 = 1;

    public ReluRegression {
        if (n < 1) {
            throw new IllegalArgumentException("relu-regression: n must be >= 1, got " + n);
        }
    }

    /** 100 training examples. */
    public ReluRegression() {
        this(100);
    }

    @Override
    public String name() {
        return "relu-regression";
    }

    /** The teacher's output {@code w2* · max(0, w1* x)}. */
    public static double teacher(double x) {
        return TEACHER_W2 * Math.max(0, TEACHER_W1 * x);
    }

    @Override
    public Dataset generate(long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        int heldOut = SyntheticDataset.heldOutCount(n);
        DataSplit train = split("train", n, true, root.split());
        DataSplit validation = split("validation", heldOut, false, root.split());
        DataSplit test = split("test", heldOut, false, root.split());
        return new Dataset(name(), train, validation, test, 0, new int[] {1});
    }

    private static DataSplit split(String splitName, int count, boolean seedExampleFirst, SplittableRandom random) {
        float[] features = new float[count];
        float[] targets = new float[count];
        for (int i = 0; i < count; i++) {
            double x = i == 0 && seedExampleFirst ? 1 : -2 + 4 * random.nextDouble();
            features[i] = (float) x;
            targets[i] = (float) teacher(x);
        }
        return new DataSplit(splitName, count, 1, features, null, 1, targets);
    }
}
