package org.optbench.harness.testing;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoMap;
import com.google.inject.multibindings.StringMapKey;
import java.util.List;
import org.optbench.harness.wiring.Factories;
import org.optbench.harness.wiring.ModelFactory;
import org.optbench.harness.wiring.OptimizerFactory;
import org.optbench.harness.wiring.ParameterSpec;
import org.optbench.harness.wiring.ScheduleFactory;

/**
 * A user's Guice module as {@code --module org.optbench.harness.testing.TestComponentsModule} loads it: one
 * optimizer of its own ({@code sign-sgd}), a faulty schedule ({@code sign-flip}) and a small test model
 * ({@code test-softmax}).
 */
public final class TestComponentsModule extends AbstractModule {

    @ProvidesIntoMap
    @StringMapKey("sign-sgd")
    OptimizerFactory signSgd() {
        return Factories.optimizer("sign-sgd", "θ ← θ − η sign(g)",
                List.of(ParameterSpec.real("lr", 0.01, "step length η, > 0")), values -> new SignSgd(values.real("lr")));
    }

    /** A faulty schedule: η_0 for two updates, then −η_0 (a sign error a plug-in could make). */
    @ProvidesIntoMap
    @StringMapKey("sign-flip")
    ScheduleFactory signFlip() {
        return Factories.schedule("sign-flip", "η_0 for k < 2, then −η_0 (a faulty schedule for tests)", List.of(),
                (values, base) -> k -> k < 2 ? base : -base);
    }

    @ProvidesIntoMap
    @StringMapKey("test-softmax")
    ModelFactory testSoftmax() {
        return Factories.model("test-softmax", "softmax regression for tests", List.of(),
                (values, dataset, dropout) -> new LinearSoftmax(dataset.train().featureCount(), dataset.classCount()));
    }
}
