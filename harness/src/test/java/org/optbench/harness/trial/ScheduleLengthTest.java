package org.optbench.harness.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.harness.UserError;
import org.optbench.harness.config.ComponentParser;
import org.optbench.harness.testing.Cli;
import org.optbench.harness.testing.TestComponentsModule;
import org.optbench.optimizers.schedules.RunLength;
import org.optbench.optimizers.schedules.Schedule;
import org.optbench.reports.RunData;
import org.optbench.reports.TrialRow;
import org.optbench.reports.TrialStatus;

/** Schedules that span the run ({@code steps=auto}), the warm-up, and the check of every scheduled rate. */
class ScheduleLengthTest {
    private static final double EXACT = 1e-15;

    @Test
    void cosineWithStepsAutoSpansTheFunctionsSteps() {
        // T = 4 updates, η_0 = 0.1: η_k = 0.05 (1 + cos(π k / 4)); trace row k >= 1 holds the rate of update k − 1.
        Cli.Result result = Cli.run("trace", "--function", "quadratic(dim=2, kappa=1)", "--optimizer", "sgd(lr=0.1)",
                "--schedule", "cosine(steps=auto)", "--steps", "4");
        assertEquals(0, result.code(), result.err());
        List<String> rows = result.out().lines().toList();
        double[] expected = {0.1, 0.05 * (1 + Math.cos(Math.PI / 4)), 0.05, 0.05 * (1 + Math.cos(3 * Math.PI / 4))};
        for (int k = 0; k < 4; k++) {
            assertEquals(expected[k], Double.parseDouble(rows.get(k + 2).split(",")[1]), EXACT, "update " + k);
        }
        assertEquals("cosine(steps=auto, final=0, unit=step)",
                TrialRunnerTest.REGISTRY.schedule(ComponentParser.parse("cosine(steps=auto)", "test"), "test").get(0).canonical());
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
    void theRunRecordsEveryUpdatesRateForTheFigure(@TempDir Path folder) throws IOException {
        // blobs with n = 90 and batch 10: 9 updates per epoch, 2 epochs, T = 18; warm-up w = 3 then cosine over 15.
        java.nio.file.Path file = Files.writeString(folder.resolve("rates.yaml"),
                "dataset: blobs(classes=3, dim=2, n=90)\nmodel: softmax\noptimizer: sgd(lr=0.1)\n"
                + "schedule: warmup(warmup=3, then=cosine)\nepochs: 2\nbatch: 10\nrepeats: 2\n");
        Cli.Result result = Cli.run("run", file.toString(), "--out",
                folder.resolve("run").toString(), "--no-report");
        assertEquals(0, result.code(), result.err());
        List<String> rows = Files.readAllLines(folder.resolve("run/rates/trial-0.csv"));
        assertEquals("step,lr", rows.get(0));
        assertEquals(19, rows.size(), "one row per update");
        for (int k = 0; k < 18; k++) {
            double expected = k < 3 ? 0.1 * (k + 1) / 4 : 0.05 * (1 + Math.cos(Math.PI * (k - 3) / 15));
            String[] cells = rows.get(k + 1).split(",");
            assertEquals(k + 1, Long.parseLong(cells[0]));
            assertEquals(expected, Double.parseDouble(cells[1]), EXACT, "update " + k);
        }
        // The second repeat has the same rates: no second file.
        assertTrue(!Files.exists(folder.resolve("run/rates/trial-1.csv")));
        // and curves.csv's last row has the rate of the last update, the same number
        List<String> curves = Files.readAllLines(folder.resolve("run/curves.csv"));
        assertTrue(curves.stream().anyMatch(line -> line.contains(",18," + rows.get(18).split(",")[1] + ",")), curves.toString());
    }

    @Test
    void aNegativeRateFailsTheTrialNamingTheScheduleNotAsDivergence(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("flip.yaml"),
                "dataset: quadratic(dim=2, kappa=1)\noptimizer: sgd(lr=0.1)\nschedule: sign-flip\nsteps: 5\n");
        Cli.Result result = Cli.run("run", file.toString(), "--out", folder.resolve("run").toString(), "--no-report",
                "--verbose", "--module", TestComponentsModule.class.getName());
        assertEquals(0, result.code(), result.err());
        TrialRow row = RunData.load(folder.resolve("run")).trials().get(0);
        assertEquals(TrialStatus.FAILED, row.status());
        assertEquals("IllegalStateException: schedule sign-flip(unit=step) gave the learning rate -0.1 at update 2;"
                + " a schedule's rates must be finite and >= 0", row.message());
        assertTrue(result.out().contains("at org.optbench.harness.wiring.Registry"), "--verbose prints the stack: " + result.out());
    }
}
