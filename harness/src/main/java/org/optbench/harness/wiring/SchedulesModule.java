package org.optbench.harness.wiring;

import static org.optbench.harness.wiring.ParameterSpec.integer;
import static org.optbench.harness.wiring.ParameterSpec.integers;
import static org.optbench.harness.wiring.ParameterSpec.real;
import static org.optbench.harness.wiring.ParameterSpec.reals;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.ProvidesIntoMap;
import com.google.inject.multibindings.StringMapKey;
import java.util.List;
import org.optbench.optimizers.schedules.ConstantRate;
import org.optbench.optimizers.schedules.CosineDecay;
import org.optbench.optimizers.schedules.ExponentialDecay;
import org.optbench.optimizers.schedules.InverseTimeDecay;
import org.optbench.optimizers.schedules.LinearDecay;
import org.optbench.optimizers.schedules.Piecewise;
import org.optbench.optimizers.schedules.RobbinsMonro;
import org.optbench.optimizers.schedules.StepDecay;

/** The learning-rate schedules by name; each also takes {@code unit=step|epoch}, added by the registry. */
public final class SchedulesModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, ScheduleFactory.class);
    }

    @ProvidesIntoMap
    @StringMapKey(ConstantRate.NAME)
    ScheduleFactory constant() {
        return Factories.schedule(ConstantRate.NAME, "η_k = η_0", List.of(), (v, base) -> new ConstantRate(base));
    }

    @ProvidesIntoMap
    @StringMapKey(StepDecay.NAME)
    ScheduleFactory step() {
        return Factories.schedule(StepDecay.NAME, "η_k = η_0 · γ^⌊k / s⌋",
                List.of(real("gamma", StepDecay.DEFAULT_GAMMA, "γ, in (0, 1]"),
                        integer("every", (int) StepDecay.DEFAULT_EVERY, "s, updates (or epochs) between decays, >= 1")),
                (v, base) -> new StepDecay(base, v.real("gamma"), v.integer("every")));
    }

    @ProvidesIntoMap
    @StringMapKey(Piecewise.NAME)
    ScheduleFactory piecewise() {
        return Factories.schedule(Piecewise.NAME, "η_0 before the first boundary, then values[i] from boundaries[i] on",
                List.of(integers("boundaries", List.of(), "indices where a new rate starts, increasing"),
                        reals("values", List.of(), "the rate from each boundary on, >= 0, as many as boundaries")),
                (v, base) -> new Piecewise(base, v.integers("boundaries").stream().mapToLong(Integer::longValue).toArray(),
                        v.realArray("values")));
    }

    @ProvidesIntoMap
    @StringMapKey(ExponentialDecay.NAME)
    ScheduleFactory exponential() {
        return Factories.schedule(ExponentialDecay.NAME, "η_k = η_0 · exp(−λ k)",
                List.of(real("decay", ExponentialDecay.DEFAULT_DECAY, "λ, >= 0")),
                (v, base) -> new ExponentialDecay(base, v.real("decay")));
    }

    @ProvidesIntoMap
    @StringMapKey(InverseTimeDecay.NAME)
    ScheduleFactory inverseTime() {
        return Factories.schedule(InverseTimeDecay.NAME, "η_k = η_0 / (1 + λ k)",
                List.of(real("decay", InverseTimeDecay.DEFAULT_DECAY, "λ, >= 0")),
                (v, base) -> new InverseTimeDecay(base, v.real("decay")));
    }

    @ProvidesIntoMap
    @StringMapKey(RobbinsMonro.NAME)
    ScheduleFactory robbinsMonro() {
        return Factories.schedule(RobbinsMonro.NAME, "η_k = η_0 / (k + 1)", List.of(), (v, base) -> new RobbinsMonro(base));
    }

    @ProvidesIntoMap
    @StringMapKey(LinearDecay.NAME)
    ScheduleFactory linearDecay() {
        return Factories.schedule(LinearDecay.NAME, "η_k = (1 − k/τ) η_0 + (k/τ) η_τ for k ≤ τ, then η_τ",
                List.of(integer("steps", (int) LinearDecay.DEFAULT_STEPS, "τ, >= 1"),
                        real("final", LinearDecay.DEFAULT_FINAL_RATE, "η_τ, >= 0")),
                (v, base) -> new LinearDecay(base, v.integer("steps"), v.real("final")));
    }

    @ProvidesIntoMap
    @StringMapKey(CosineDecay.NAME)
    ScheduleFactory cosine() {
        return Factories.schedule(CosineDecay.NAME, "η_k = η_τ + (η_0 − η_τ)(1 + cos(π k/τ))/2 for k ≤ τ, then η_τ",
                List.of(integer("steps", (int) CosineDecay.DEFAULT_STEPS, "τ, >= 1"),
                        real("final", CosineDecay.DEFAULT_FINAL_RATE, "η_τ, >= 0")),
                (v, base) -> new CosineDecay(base, v.integer("steps"), v.real("final")));
    }
}
