package org.optbench.harness.wiring;

import static org.optbench.harness.wiring.ParameterSpec.choice;
import static org.optbench.harness.wiring.ParameterSpec.integer;
import static org.optbench.harness.wiring.ParameterSpec.integers;
import static org.optbench.harness.wiring.ParameterSpec.real;
import static org.optbench.harness.wiring.ParameterSpec.reals;
import static org.optbench.harness.wiring.ParameterSpec.updates;

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
import org.optbench.optimizers.schedules.LinearWarmup;
import org.optbench.optimizers.schedules.OneCycle;
import org.optbench.optimizers.schedules.Piecewise;
import org.optbench.optimizers.schedules.RobbinsMonro;
import org.optbench.optimizers.schedules.Schedule;
import org.optbench.optimizers.schedules.StepDecay;

/**
 * The learning-rate schedules by name; each also takes {@code unit=step|epoch}, added by the registry. Parameters
 * written {@code auto} take the run's length (total updates, or epochs with {@code unit=epoch}).
 */
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
                List.of(updates("steps", (int) LinearDecay.DEFAULT_STEPS, "τ, >= 1; auto: the whole run"),
                        real("final", LinearDecay.DEFAULT_FINAL_RATE, "η_τ, >= 0")),
                (v, base, length) -> new LinearDecay(base, v.updates("steps", length), v.real("final")));
    }

    @ProvidesIntoMap
    @StringMapKey(CosineDecay.NAME)
    ScheduleFactory cosine() {
        return Factories.schedule(CosineDecay.NAME, "η_k = η_τ + (η_0 − η_τ)(1 + cos(π k/τ))/2 for k ≤ τ, then η_τ",
                List.of(updates("steps", (int) CosineDecay.DEFAULT_STEPS, "τ, >= 1; auto: the whole run"),
                        real("final", CosineDecay.DEFAULT_FINAL_RATE, "η_τ, >= 0")),
                (v, base, length) -> new CosineDecay(base, v.updates("steps", length), v.real("final")));
    }

    @ProvidesIntoMap
    @StringMapKey(LinearWarmup.NAME)
    ScheduleFactory warmup() {
        return Factories.schedule(LinearWarmup.NAME,
                "η_k = η_0 (k+1)/(w+1) for k < w, then constant η_0, or cosine / linear-decay from η_0 to final over the T − w updates left",
                List.of(integer("warmup", 100, "w, warm-up updates, >= 1"),
                        choice("then", "constant", "what follows the warm-up", "constant", "cosine", "linear-decay"),
                        updates("steps", ParameterSpec.AUTO, "T, the whole run including the warm-up, > w; auto: the run's length"),
                        real("final", 0.0, "the rate cosine / linear-decay end at, >= 0")),
                (v, base, length) -> {
                    long w = v.integer("warmup");
                    long total = v.updates("steps", length);
                    if (!v.choice("then").equals("constant") && total <= w) {
                        throw new IllegalArgumentException("warmup: steps must exceed warmup, got steps " + total
                                + " and warmup " + w + " (with steps=auto, the run is only " + total + " updates long)");
                    }
                    Schedule after = switch (v.choice("then")) {
                        case "cosine" -> new CosineDecay(base, total - w, v.real("final"));
                        case "linear-decay" -> new LinearDecay(base, total - w, v.real("final"));
                        default -> new ConstantRate(base);
                    };
                    return new LinearWarmup(w, after);
                });
    }

    @ProvidesIntoMap
    @StringMapKey(OneCycle.NAME)
    ScheduleFactory oneCycle() {
        return Factories.schedule(OneCycle.NAME,
                "Smith and Topin 2019 (PyTorch OneCycleLR): cosine rise from η_0/div to η_0 over pct·T updates, cosine fall to η_0/(div·final_div)",
                List.of(updates("steps", ParameterSpec.AUTO, "T, >= 2; auto: the run's length"),
                        real("pct", OneCycle.DEFAULT_PCT, "fraction of T spent rising, in (0, 1)"),
                        real("div", OneCycle.DEFAULT_DIV, "η_0 over the start rate, >= 1"),
                        real("final_div", OneCycle.DEFAULT_FINAL_DIV, "start rate over the final rate, >= 1")),
                (v, base, length) -> new OneCycle(base, v.updates("steps", length), v.real("pct"), v.real("div"),
                        v.real("final_div")));
    }
}
