package org.optbench.harness.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.reports.TrialRow;
import org.optbench.reports.csv.TraceCsv;

/** experiments/valley.yaml: on a κ = 100 quadratic, plain SGD zig-zags and is the slowest to the minimum. */
class ValleyExperimentTest {

    @Test
    void everyOtherMethodNeedsFewerStepsThanSgdWhichZigZags(@TempDir Path folder) {
        // The shipped file as is: 6 trials of 500 updates on a 2-D function, well under a second.
        ShippedExperiment.Run run = ShippedExperiment.run("valley", folder.resolve("run"));
        TrialRow sgd = run.trialsOf("sgd(").get(0);
        // By hand: along x0 (curvature 1) sgd contracts by 1 - 0.019 per update from -1.4, so
        // f = 0.98 * 0.981^(2k) <= 1e-6 needs k >= ln(1e-6 / 0.98) / (2 ln 0.981) = 359.6, i.e. 360 updates (the
        // steep coordinate is below 1e-12 by then and does not move the count).
        assertEquals(360, sgd.stepsToTarget(), 1, "sgd's updates to f <= 1e-6 (hand count 360)");
        for (String other : List.of("momentum(", "nesterov(", "adagrad(", "rmsprop(", "adam(")) {
            TrialRow trial = run.trialsOf(other).get(0);
            assertTrue(trial.stepsToTarget() > 0, other + " never reached f <= 1e-6");
            assertTrue(trial.stepsToTarget() < sgd.stepsToTarget(),
                    other + " took " + trial.stepsToTarget() + " updates, sgd " + sgd.stepsToTarget());
        }
        // The zig-zag: along x1 (curvature 100) each sgd update multiplies the coordinate by 1 - 0.019 * 100 = -0.9,
        // so it changes sign at every one of the first updates (checked over 20, while |x1| is far above rounding).
        List<TraceCsv.Point> trace = TraceCsv.read(run.directory().resolve("traces").resolve("trial-" + sgd.trial() + ".csv"));
        for (int step = 1; step <= 20; step++) {
            float previous = trace.get(step - 1).parameters()[1];
            float current = trace.get(step).parameters()[1];
            assertEquals(-0.9 * previous, current, 1e-5, "x1 at update " + step);
        }
    }
}
