package org.optbench.harness.testing;

import java.util.List;
import java.util.SplittableRandom;
import org.optbench.datasets.DataSplit;
import org.optbench.harness.models.Evaluation;
import org.optbench.harness.models.Model;
import org.optbench.optimizers.Objective;
import org.optbench.optimizers.ParameterLayout;

/**
 * A test stand-in for the models module: softmax regression {@code p = softmax(W x + b)} with mean cross-entropy,
 * written plainly in double precision so the harness tests do not depend on the real models.
 */
public final class LinearSoftmax implements Model {
    private final int features;
    private final int classes;
    private final ParameterLayout layout;

    public LinearSoftmax(int features, int classes) {
        this.features = features;
        this.classes = classes;
        this.layout = new ParameterLayout(List.of(
                new ParameterLayout.Block("weights", 0, classes, features, ParameterLayout.Kind.WEIGHT),
                new ParameterLayout.Block("bias", classes * features, classes, 1, ParameterLayout.Kind.BIAS)));
    }

    @Override
    public ParameterLayout layout() {
        return layout;
    }

    @Override
    public void initialize(float[] parameters, SplittableRandom random) {
        double limit = Math.sqrt(6.0 / (features + classes));
        for (int i = 0; i < classes * features; i++) {
            parameters[i] = (float) random.nextDouble(-limit, limit);
        }
        for (int i = classes * features; i < parameters.length; i++) {
            parameters[i] = 0f;
        }
    }

    @Override
    public Objective batch(DataSplit split, int[] order, int from, int to, SplittableRandom dropoutRandom) {
        return new Objective() {
            @Override
            public int dimension() {
                return layout.dimension();
            }

            @Override
            public double lossAndGradient(float[] point, float[] gradientOut) {
                java.util.Arrays.fill(gradientOut, 0f);
                double[] probabilities = new double[classes];
                double loss = 0;
                int count = to - from;
                for (int position = from; position < to; position++) {
                    int example = order[position];
                    int label = split.labels()[example];
                    loss += forward(point, split, example, probabilities, label);
                    for (int k = 0; k < classes; k++) {
                        double delta = (probabilities[k] - (k == label ? 1 : 0)) / count;
                        for (int j = 0; j < features; j++) {
                            gradientOut[k * features + j] += (float) (delta * split.features()[example * features + j]);
                        }
                        gradientOut[classes * features + k] += (float) delta;
                    }
                }
                return loss / count;
            }
        };
    }

    @Override
    public Evaluation evaluate(float[] parameters, DataSplit split) {
        double[] probabilities = new double[classes];
        double loss = 0;
        int correct = 0;
        for (int example = 0; example < split.count(); example++) {
            int label = split.labels()[example];
            loss += forward(parameters, split, example, probabilities, label);
            int best = 0;
            for (int k = 1; k < classes; k++) {
                if (probabilities[k] > probabilities[best]) {
                    best = k;
                }
            }
            if (best == label) {
                correct++;
            }
        }
        return new Evaluation(loss / split.count(), (double) correct / split.count());
    }

    /** Fills the class probabilities of one example; returns its cross-entropy. */
    private double forward(float[] point, DataSplit split, int example, double[] probabilities, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            double logit = point[classes * features + k];
            for (int j = 0; j < features; j++) {
                logit += point[k * features + j] * split.features()[example * features + j];
            }
            probabilities[k] = logit;
            max = Math.max(max, logit);
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            probabilities[k] = Math.exp(probabilities[k] - max);
            sum += probabilities[k];
        }
        for (int k = 0; k < classes; k++) {
            probabilities[k] /= sum;
        }
        return -Math.log(Math.max(probabilities[label], 1e-300));
    }
}
