package com.example.lion;

import org.optbench.optimizers.OptimizerState;
import org.optbench.optimizers.Optimizer;

/**
 * Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms"): a sign update of an interpolated
 * momentum, with decoupled weight decay.
 * <pre>
 *   c = β1 m + (1 − β1) g
 *   θ ← θ − η (sign(c) + λ θ)
 *   m ← β2 m + (1 − β2) g
 * </pre>
 *
 * @param learningRate η ({@code lr}), finite and &gt; 0
 * @param beta1 β1, in [0, 1)
 * @param beta2 β2, in [0, 1)
 * @param weightDecay λ ({@code weight_decay}), finite and &gt;= 0
 */
public record Lion(double learningRate, double beta1, double beta2, double weightDecay) implements Optimizer {

    public Lion {
        // optbench turns an IllegalArgumentException into "exp.yaml:3: optimizer: lion: ..." before any trial runs.
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("lion: lr must be a finite number > 0, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("lion: beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("lion: beta2 must be in [0, 1), got " + beta2);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("lion: weight_decay must be a finite number >= 0, got " + weightDecay);
        }
    }

    @Override
    public String name() {
        return "lion";
    }

    @Override
    public OptimizerState init(int dimension) {
        // Buffers are allocated once per trial; step allocates nothing.
        float[] gradient = new float[dimension];
        float[] m = new float[dimension];
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        return (theta, batch, rate) -> {
            double loss = batch.lossAndGradient(theta, gradient);
            float eta = (float) rate;
            float decay = (float) (rate * weightDecay);
            for (int i = 0; i < theta.length; i++) {
                float g = gradient[i];
                float c = b1 * m[i] + (1 - b1) * g;
                theta[i] -= eta * Math.signum(c) + decay * theta[i];
                m[i] = b2 * m[i] + (1 - b2) * g;
            }
            return loss;
        };
    }
}
