package com.example.lion;

import static org.optbench.harness.wiring.ParameterSpec.integer;
import static org.optbench.harness.wiring.ParameterSpec.real;
import static org.optbench.harness.wiring.ParameterSpec.updates;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoMap;
import com.google.inject.multibindings.StringMapKey;
import java.util.List;
import org.optbench.harness.wiring.DatasetFactory;
import org.optbench.harness.wiring.Factories;
import org.optbench.harness.wiring.OptimizerFactory;
import org.optbench.harness.wiring.ParameterSpec;
import org.optbench.harness.wiring.PluginModule;
import org.optbench.harness.wiring.ScheduleFactory;

/**
 * The plug-in's components. optbench finds this class through
 * {@code META-INF/services/org.optbench.harness.wiring.PluginModule}; each method binds one component under the
 * name in {@code @StringMapKey}, which must equal the factory's name.
 */
public final class LionModule extends AbstractModule implements PluginModule {

    @ProvidesIntoMap
    @StringMapKey("lion")
    OptimizerFactory lion() {
        return Factories.optimizer("lion", "Chen et al. 2023: θ ← θ − η (sign(β1 m + (1 − β1) g) + λ θ) ; m ← β2 m + (1 − β2) g",
                List.of(real("lr", 1e-4, "η, > 0 (Lion wants 3-10x less than Adam)"),
                        real("beta1", 0.9, "β1, in [0, 1)"),
                        real("beta2", 0.99, "β2, in [0, 1)"),
                        real("weight_decay", 0.0, "decoupled weight decay λ, >= 0")),
                v -> new Lion(v.real("lr"), v.real("beta1"), v.real("beta2"), v.real("weight_decay")));
    }

    @ProvidesIntoMap
    @StringMapKey("triangular")
    ScheduleFactory triangular() {
        return Factories.schedule("triangular", "Smith 2017: from low·η_0 up to η_0 and back, cycles times over steps updates",
                List.of(integer("cycles", 2, "triangles over the run, >= 1"),
                        real("low", 0.1, "the lowest rate as a fraction of η_0, in [0, 1]"),
                        updates("steps", ParameterSpec.AUTO, "updates the cycles span, >= 1; auto: the whole run")),
                // The run's length arrives when the schedule is built: steps=auto becomes the run's total updates.
                (v, baseRate, length) -> {
                    if (v.integer("cycles") < 1) {
                        throw new IllegalArgumentException("triangular: cycles must be >= 1, got " + v.integer("cycles"));
                    }
                    double halfCycle = (double) v.updates("steps", length) / (2 * v.integer("cycles"));
                    return new Triangular(baseRate, halfCycle, v.real("low"));
                });
    }

    @ProvidesIntoMap
    @StringMapKey("moons")
    DatasetFactory moons() {
        return Factories.dataset("moons", "two interleaving half circles, 2 classes in 2-D; validation and test n/5 each",
                List.of(integer("n", 1000, "training examples, >= 2"),
                        real("noise", 0.1, "standard deviation of the coordinate noise, >= 0")),
                // The experiment seed fixes the data, so every trial of a run sees the same examples.
                (v, options) -> Moons.generate(v.canonical(), v.integer("n"), v.real("noise"), options.seed()));
    }
}
