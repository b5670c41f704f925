package org.optbench.harness.testing;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoMap;
import com.google.inject.multibindings.StringMapKey;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.optbench.harness.wiring.Factories;
import org.optbench.harness.wiring.OptimizerFactory;
import org.optbench.harness.wiring.ParameterSpec;
import org.optbench.optimizers.Optimizer;
import org.optbench.optimizers.OptimizerState;

/**
 * For tests that signal or race a run in the middle of its trials without depending on how fast the machine is:
 * {@code held-sign-sgd(lr, after)} is sign descent whose trials, in a process with the environment variable
 * {@value #HOLD} set, start normally for the first {@code after} of them and then wait until interrupted. Without
 * the variable (the in-process resume and the uninterrupted run of the same experiment) every trial runs.
 */
public final class HoldModule extends AbstractModule {
    /** The environment variable that turns the hold on. */
    public static final String HOLD = "OPTBENCH_TEST_HOLD";
    private static final AtomicInteger STARTED = new AtomicInteger();

    @ProvidesIntoMap
    @StringMapKey("held-sign-sgd")
    OptimizerFactory heldSignSgd() {
        return Factories.optimizer("held-sign-sgd", "sign descent whose trials after the first `after` wait (tests)",
                List.of(ParameterSpec.real("lr", 0.01, "step length η, > 0"), ParameterSpec.integer("after", 2, "trials that run")),
                values -> new HeldSignSgd(values.real("lr"), values.integer("after")));
    }

    /** Sign descent ({@link SignSgd}) that holds every trial after the first {@code after} when {@value #HOLD} is set. */
    record HeldSignSgd(double learningRate, int after) implements Optimizer {
        @Override
        public String name() {
            return "held-sign-sgd";
        }

        @Override
        public OptimizerState init(int dimension) {
            if (System.getenv(HOLD) != null && STARTED.incrementAndGet() > after) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                }
            }
            return new SignSgd(learningRate).init(dimension);
        }
    }
}
