package org.optbench.harness.testing;

import org.optbench.optimizers.Optimizer;
import org.optbench.optimizers.OptimizerState;

/**
 * The plug-in example: a user's own optimizer outside optbench, sign descent {@code θ ← θ − η sign(g)}.
 *
 * @param learningRate η, > 0
 */
public record SignSgd(double learningRate) implements Optimizer {

    public SignSgd {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("sign-sgd: lr must be a finite value > 0, got " + learningRate);
        }
    }

    @Override
    public String name() {
        return "sign-sgd";
    }

    @Override
    public OptimizerState init(int dimension) {
        float[] gradient = new float[dimension];
        return (theta, batch, rate) -> {
            double loss = batch.lossAndGradient(theta, gradient);
            for (int i = 0; i < theta.length; i++) {
                theta[i] -= (float) (rate * Math.signum(gradient[i]));
            }
            return loss;
        };
    }

}
