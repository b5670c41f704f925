package org.optbench.harness.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.reports.TrialRow;
import org.optbench.reports.csv.TraceCsv;

/** experiments/quartic.yaml: seed 002's example, sgd stops in the local minimum, momentum reaches the global one. */
class QuarticExperimentTest {

    @Test
    void sgdStopsAtTheLocalMinimumAndMomentumReachesTheGlobalOne(@TempDir Path folder) {
        // The shipped file as is (100 updates, it takes milliseconds), with three repeats: the function has no
        // noise, so every seed must give the same path; the repeats check that no random stream leaks in.
        ShippedExperiment.Run run = ShippedExperiment.run("quartic", folder.resolve("run"), "repeats=3");
        // Minima from docs/math.md: local -1.5863, global 2.0421 (roots of f'(x) = 1.2x^3 - 0.3x^2 - 4x - 0.8).
        // sgd: f''(-1.586) = 6.0, so each update shrinks the error by |1 - 0.05 * 6| = 0.7; after 99 updates it is
        // at float precision, 1e-3 is the rounding of docs/math.md's 4 decimals. momentum: the error oscillates with an
        // envelope decaying like sqrt(0.9)^k (5e-3 of the first swing of ~1 after 100 updates); the run ends at
        // 2.0330, 9e-3 from the minimum, inside the 2e-2 allowed for the envelope's constant.
        assertFinalPoints(run, "sgd(", -1.5863, 1e-3);
        assertFinalPoints(run, "momentum(", 2.0421, 2e-2);
    }

    private static void assertFinalPoints(ShippedExperiment.Run run, String optimizer, double expected, double tolerance) {
        List<TrialRow> trials = run.trialsOf(optimizer);
        assertEquals(3, trials.size(), optimizer);
        for (TrialRow trial : trials) {
            List<TraceCsv.Point> trace = TraceCsv.read(run.directory().resolve("traces").resolve("trial-" + trial.trial() + ".csv"));
            assertEquals(101, trace.size(), "the start and 100 updates");
            assertEquals(-2.795, trace.get(0).parameters()[0], 1e-6, "seed 002's start");
            assertEquals(expected, trace.get(trace.size() - 1).parameters()[0], tolerance,
                    optimizer + " final x, seed " + trial.seed());
        }
    }
}
