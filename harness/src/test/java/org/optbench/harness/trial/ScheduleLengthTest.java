package org.optbench.harness.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.optbench.harness.UserError;
import org.optbench.harness.config.ComponentParser;
import org.optbench.optimizers.schedules.RunLength;
import org.optbench.optimizers.schedules.Schedule;
import org.optbench.reports.TrialStatus;
import org.optbench.reports.csv.TraceCsv;

/** Schedules that span the run ({@code steps=auto}), the warm-up, and the check of every scheduled rate. */
class ScheduleLengthTest {
    private static final double EXACT = 1e-15;

    private static Trial withSchedule(String schedule, int steps) {
        Trial plain = TrialRunnerTest.function("quadratic(dim=2, kappa=1, start=[1, -2])", "sgd(lr=0.1)", List.of(),
                TrialRunnerTest.steps(steps, null));
        String canonical = TrialRunnerTest.REGISTRY.schedule(ComponentParser.parse(schedule, "test"), "test").get(0).canonical();
        return new Trial(plain.id(), plain.dataset(), plain.model(), plain.optimizer(), canonical, plain.regularizers(),
                plain.repeat(), plain.seed(), plain.settings());
    }

    @Test
    void cosineWithStepsAutoSpansTheFunctionsSteps() {
        // T = 4 updates, η_0 = 0.1: η_k = 0.05 (1 + cos(π k / 4)); trace row k >= 1 holds the rate of update k − 1.
        List<TraceCsv.Point> trace = TrialRunnerTest.FUNCTIONS.run(withSchedule("cosine(steps=auto)", 4)).trace();
        assertEquals(0.1, trace.get(1).learningRate(), EXACT);
        assertEquals(0.05 * (1 + Math.cos(Math.PI / 4)), trace.get(2).learningRate(), EXACT);
        assertEquals(0.05, trace.get(3).learningRate(), EXACT);
        assertEquals(0.05 * (1 + Math.cos(3 * Math.PI / 4)), trace.get(4).learningRate(), EXACT);
        assertEquals("cosine(steps=auto, final=0, unit=step)", withSchedule("cosine(steps=auto)", 4).schedule());
    }

    @Test
    void warmupThenCosineOverTheRestOfTheRun() {
        // 4 epochs of 5 updates, T = 20, w = 4, η_0 = 0.1: 0.1 (k+1)/5 for k < 4, then cosine over τ = 16 updates.
        Schedule schedule = TrialRunnerTest.REGISTRY.buildSchedule("warmup(warmup=4, then=cosine, steps=auto, final=0, unit=step)",
                0.1, new RunLength(20, 5));
        assertEquals(0.02, schedule.rate(0), EXACT);
        assertEquals(0.08, schedule.rate(3), EXACT);
        assertEquals(0.1, schedule.rate(4), EXACT);
        assertEquals(0.05 * (1 + Math.cos(Math.PI * 4 / 16)), schedule.rate(8), EXACT);
        assertEquals(0.05, schedule.rate(12), EXACT);
        assertEquals(0.0, schedule.rate(20), EXACT);
        // linear-decay after the warm-up: (1 − j/16) 0.1 + (j/16) 0.01 with j = k − 4
        Schedule linear = TrialRunnerTest.REGISTRY.buildSchedule(
                "warmup(warmup=4, then=linear-decay, steps=auto, final=0.01, unit=step)", 0.1, new RunLength(20, 5));
        assertEquals(0.75 * 0.1 + 0.25 * 0.01, linear.rate(8), EXACT);
        // and constant by default
        Schedule constant = TrialRunnerTest.REGISTRY.buildSchedule("warmup(warmup=4, unit=step)", 0.1, new RunLength(20, 5));
        assertEquals(0.1, constant.rate(19), EXACT);
    }

    @Test
    void stepsAutoCountsEpochsWithUnitEpoch() {
        // 20 updates of 5 per epoch are 4 epochs: cosine over τ = 4 epochs, read once per epoch.
        Schedule schedule = TrialRunnerTest.REGISTRY.buildSchedule("cosine(steps=auto, final=0, unit=epoch)", 0.1,
                new RunLength(20, 5));
        assertEquals(0.1, schedule.rate(4), EXACT);
        assertEquals(0.05 * (1 + Math.cos(Math.PI / 4)), schedule.rate(5), EXACT);
        assertEquals(0.05, schedule.rate(14), EXACT);
    }

    @Test
    void aWarmupLongerThanTheRunIsRefusedWithTheLength() {
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TrialRunnerTest.REGISTRY.buildSchedule("warmup(warmup=30, then=cosine, unit=step)", 0.1, new RunLength(20, 5)));
        assertEquals("warmup: steps must exceed warmup, got steps 20 and warmup 30 (with steps=auto, the run is only 20"
                + " updates long)", error.getMessage());
        UserError written = org.junit.jupiter.api.Assertions.assertThrows(UserError.class,
                () -> TrialRunnerTest.REGISTRY.schedule(ComponentParser.parse("warmup(warmup=30, steps=20, then=cosine)", "x"), "x"));
        assertTrue(written.getMessage().contains("steps must exceed warmup"), written.getMessage());
    }

    @Test
    void aNegativeRateFailsTheTrialNamingTheScheduleNotAsDivergence() {
        TrialResult result = TrialRunnerTest.FUNCTIONS.run(withSchedule("sign-flip", 5));
        assertEquals(TrialStatus.FAILED, result.row().status());
        assertEquals("IllegalStateException: schedule sign-flip(unit=step) gave the learning rate -0.1 at update 2;"
                + " a schedule's rates must be finite and >= 0", result.row().message());
        assertTrue(result.failure().contains("at org.optbench"), "the stack trace is kept for --verbose");
    }
}
