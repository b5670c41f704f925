package org.optbench.harness.testing;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoMap;
import com.google.inject.multibindings.StringMapKey;
import java.util.List;
import org.optbench.harness.wiring.Factories;
import org.optbench.harness.wiring.OptimizerFactory;
import org.optbench.harness.wiring.ParameterSpec;
import org.optbench.optimizers.Optimizer;
import org.optbench.optimizers.OptimizerState;

/**
 * Two versions of one plug-in optimizer, {@code scaled-sgd} ({@code θ ← θ − c η g}), for tests of {@code compare}
 * across a code change: {@link Exact} is plain gradient descent (c = 1); {@link Cut} has a bug that cuts every step
 * to c = 0.05, which tuning partly hides by selecting a larger rate.
 */
public final class ScaledSgdModules {
    private ScaledSgdModules() {
    }

    /** c = 1: the optimizer as meant. */
    public static final class Exact extends AbstractModule {
        @ProvidesIntoMap
        @StringMapKey("scaled-sgd")
        OptimizerFactory scaledSgd() {
            return factory(1);
        }
    }

    /** c = 0.05: the injected regression. */
    public static final class Cut extends AbstractModule {
        @ProvidesIntoMap
        @StringMapKey("scaled-sgd")
        OptimizerFactory scaledSgd() {
            return factory(0.05);
        }
    }

    private static OptimizerFactory factory(double scale) {
        return Factories.optimizer("scaled-sgd", "θ ← θ − c η g (c fixed by the module, for tests)",
                List.of(ParameterSpec.real("lr", 0.01, "step length η, > 0")),
                values -> new ScaledSgd(values.real("lr"), scale));
    }

    /** {@code θ ← θ − scale · rate · g}. */
    record ScaledSgd(double learningRate, double scale) implements Optimizer {
        ScaledSgd {
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("scaled-sgd: lr must be a finite value > 0, got " + learningRate);
            }
        }

        @Override
        public String name() {
            return "scaled-sgd";
        }

        @Override
        public OptimizerState init(int dimension) {
            float[] gradient = new float[dimension];
            return (theta, batch, rate) -> {
                double loss = batch.lossAndGradient(theta, gradient);
                for (int i = 0; i < theta.length; i++) {
                    theta[i] -= (float) (scale * rate * gradient[i]);
                }
                return loss;
            };
        }
    }
}
