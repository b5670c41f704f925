package org.optbench.harness.models;

import java.util.List;
import java.util.SplittableRandom;
import org.optbench.datasets.DataSplit;
import org.optbench.optimizers.Objective;
import org.optbench.optimizers.ParameterLayout;
import org.optbench.optimizers.ParameterLayout.Block;
import org.optbench.optimizers.ParameterLayout.Kind;

/**
 * The two-layer ReLU net of seed 000, {@code ŷ = w2 · max(0, w1 x)} with no biases and loss {@code (ŷ − y)²}
 * averaged over the batch: {@code ∂L/∂w2 = 2 (ŷ − y) max(0, w1 x)}, {@code ∂L/∂w1 = 2 (ŷ − y) w2 [w1 x > 0] x}.
 * At {@code x = 1, y = 0, w1 = 1/3, w2 = 2} these are 8/3 and 4/9. Parameters {@code [w1, w2]}, two 1×1 weight
 * blocks; initialization He for w1 (it feeds the ReLU), Glorot for w2. Data: one feature, one target.
 */
public final class ScalarReluNet implements Model {

    private static final ParameterLayout LAYOUT = new ParameterLayout(List.of(
            new Block("w1", 0, 1, 1, Kind.WEIGHT), new Block("w2", 1, 1, 1, Kind.WEIGHT)));

    /** The seed's network; it has no hyper-parameters. */
    public ScalarReluNet() {
    }

    @Override
    public ParameterLayout layout() {
        return LAYOUT;
    }

    @Override
    public void initialize(float[] parameters, SplittableRandom random) {
        Initializers.fill(parameters, 0, 1, 1, 1, true, random);
        Initializers.fill(parameters, 1, 1, 1, 1, false, random);
    }

    private static void check(DataSplit split) {
        if (split.isClassification() || split.featureCount() != 1 || split.targetCount() != 1) {
            throw new IllegalArgumentException("scalar-relu-net: needs one feature and one real target per example, "
                    + "split " + split.name() + " has " + split.featureCount() + " features and "
                    + (split.isClassification() ? "class labels" : split.targetCount() + " targets")
                    + "; use relu-regression or linear-regression(dim=1) data");
        }
    }

    /** Mean of {@code (w2 max(0, w1 x) − y)²} over rows {@code order[from..to)}; gradient into {@code gradient}. */
    private static double lossAndGradient(float[] theta, float[] gradient, DataSplit split, int[] order, int from,
            int to) {
        double w1 = theta[0], w2 = theta[1];
        double loss = 0, g1 = 0, g2 = 0;
        for (int r = from; r < to; r++) {
            int row = order == null ? r : order[r];
            double x = split.features()[row];
            double y = split.targets()[row];
            double hidden = Math.max(0, w1 * x);
            double error = w2 * hidden - y;
            loss += error * error;
            g2 += 2 * error * hidden;
            g1 += w1 * x > 0 ? 2 * error * w2 * x : 0;
        }
        int count = to - from;
        if (gradient != null) {
            gradient[0] = (float) (g1 / count);
            gradient[1] = (float) (g2 / count);
        }
        return loss / count;
    }

    @Override
    public Objective batch(DataSplit split, int[] order, int from, int to, SplittableRandom dropoutRandom) {
        check(split);
        if (from < 0 || to > order.length || from >= to) {
            throw new IllegalArgumentException("scalar-relu-net: batch range [" + from + ", " + to
                    + ") must be non-empty and inside the order of length " + order.length);
        }
        return new Objective() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public double lossAndGradient(float[] point, float[] gradientOut) {
                return ScalarReluNet.lossAndGradient(point, gradientOut, split, order, from, to);
            }
        };
    }

    @Override
    public Evaluation evaluate(float[] parameters, DataSplit split) {
        check(split);
        double loss = split.count() == 0 ? Double.NaN
                : lossAndGradient(parameters, null, split, null, 0, split.count());
        return new Evaluation(loss, Double.NaN);
    }
}
