package org.optbench.harness.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.reports.CurveRow;
import org.optbench.reports.TrialRow;
import org.optbench.reports.TrialStatus;

/**
 * experiments/schedules.yaml, reduced to 2,000 training images in batches of 5 (400 updates, so the step schedule's
 * halving at update 300 is inside the run) with an evaluation every 20 updates: every trial finishes and the lr column is each schedule's docs/math.md formula with the file's parameters,
 * recomputed here independently. curves.csv gives the rate of the last update, so the row at step s > 0 holds
 * η_(s−1) and the row at step 0 holds η_0.
 */
class SchedulesExperimentTest {
    private static final double BASE = 0.5;

    /** docs/math.md's formulas with the parameters written in experiments/schedules.yaml. */
    private static final Map<String, LongToDoubleFunction> FORMULAS = Map.of(
            "constant", k -> BASE,
            "step", k -> BASE * Math.pow(0.5, Math.floorDiv(k, 300)),
            "exponential", k -> BASE * Math.exp(-0.002 * k),
            "inverse-time", k -> BASE / (1 + 0.01 * k),
            "linear-decay", k -> k <= 1170 ? (1 - k / 1170.0) * BASE + (k / 1170.0) * 0.01 : 0.01,
            "robbins-monro", k -> BASE / (k + 1));

    @Test
    void theLearningRateColumnFollowsEachScheduleAndEveryTrialFinishes(@TempDir Path folder) {
        ShippedExperiment.Run run = ShippedExperiment.run("schedules", folder.resolve("run"), "subset=2000", "validation=500",
                "epochs=1", "batch=5", "eval_every=20", "repeats=1");
        assertEquals(6, run.trials().size());
        for (TrialRow trial : run.trials()) {
            assertEquals(TrialStatus.OK, trial.status(), trial.configuration() + " " + trial.message());
            String schedule = trial.configuration().schedule();
            String name = schedule.substring(0, schedule.indexOf('('));
            LongToDoubleFunction formula = FORMULAS.get(name);
            assertTrue(formula != null, "unexpected schedule " + schedule);
            List<CurveRow> curve = run.curve(trial.trial());
            assertEquals(21, curve.size(), "the start and an evaluation every 20 of 400 updates");
            for (CurveRow row : curve) {
                double expected = formula.applyAsDouble(Math.max(0, row.step() - 1));
                // Rates are doubles computed from the same formula; 1e-12 relative leaves room for exp/pow rounding only.
                assertEquals(expected, row.learningRate(), 1e-12 * expected, schedule + " at step " + row.step());
            }
            // Chance is 0.1; after these 400 updates trial runs scored 0.77 (Robbins-Monro) to 0.87.
            assertTrue(trial.testAccuracy() > 0.5, schedule + " test accuracy " + trial.testAccuracy());
        }
    }
}
