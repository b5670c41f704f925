package org.optbench.harness.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.reports.CurveRow;
import org.optbench.reports.TrialRow;

/** experiments/robbins-monro.yaml: a constant rate stalls at a noise floor, the 1/k schedule keeps descending. */
class RobbinsMonroExperimentTest {
    private static final int STEPS = 2000;

    @Test
    void theRobbinsMonroScheduleEndsBelowEveryConstantRateOnEverySeedAverage(@TempDir Path folder) {
        // Reduced: 2,000 updates instead of 4,000, the shipped 5 seeds.
        ShippedExperiment.Run run = ShippedExperiment.run("robbins-monro", folder.resolve("run"), "steps=" + STEPS);
        assertEquals(15, run.trials().size());
        // A single final value of a noisy run is one draw from its stationary cloud (for a constant rate roughly
        // exponential, so one seed in ten lands below a fifth of its mean); the mean loss over the last 500
        // updates, averaged over the 5 seeds, is the stable quantity. Expected by hand (docs/math.md noise sigma = 1,
        // stationary E f = sum over i of eta sigma^2 / (2 (2 - eta lambda_i))): constant 0.1 -> 0.053,
        // constant 0.01 -> 0.005; Robbins-Monro with eta_0 = 0.9 has E f ~ sum eta_0^2 sigma^2 / (2 k (2 eta_0 lambda_i - 1))
        // ~ 0.82 / k = 5e-4 at k = 1,750. Asserted: Robbins-Monro below half of the better constant rate (about a 10x margin by hand).
        double robbinsMonro = meanTail(run, run.trialsWhere(row -> row.configuration().schedule(), "robbins-monro"), 1500);
        for (String constant : List.of("sgd(lr=0.1)", "sgd(lr=0.01)")) {
            List<TrialRow> trials = run.trialsOf(constant).stream()
                    .filter(row -> row.configuration().schedule().startsWith("constant")).toList();
            double floor = meanTail(run, trials, 1500);
            assertTrue(robbinsMonro < 0.5 * floor, "robbins-monro " + robbinsMonro + " vs constant " + constant + " " + floor);
        }
        // Keeps descending: with error ~ 1/k, the mean over updates 1,500-2,000 is about 2.3x below that over
        // 500-1,000; asserted: at least 1.5x. The constant 0.1 rate has reached its floor after ~100 updates, so its
        // two windows agree within the noise (asserted: ratio above 0.5).
        List<TrialRow> robbinsMonroTrials = run.trialsWhere(row -> row.configuration().schedule(), "robbins-monro");
        double early = meanWindow(run, robbinsMonroTrials, 500, 1000);
        assertTrue(robbinsMonro < early / 1.5, "robbins-monro still descending: " + early + " then " + robbinsMonro);
        List<TrialRow> large = run.trialsOf("sgd(lr=0.1)");
        double largeEarly = meanWindow(run, large, 500, 1000);
        double largeLate = meanTail(run, large, 1500);
        assertTrue(largeLate > 0.5 * largeEarly, "constant 0.1 stalls: " + largeEarly + " then " + largeLate);
    }

    private static double meanTail(ShippedExperiment.Run run, List<TrialRow> trials, long from) {
        return meanWindow(run, trials, from, STEPS + 1);
    }

    /** Mean of train_loss over steps in [from, to) and over the trials. */
    private static double meanWindow(ShippedExperiment.Run run, List<TrialRow> trials, long from, long to) {
        assertEquals(5, trials.size(), "seeds per configuration");
        double sum = 0;
        int count = 0;
        for (TrialRow trial : trials) {
            for (CurveRow row : run.curve(trial.trial())) {
                if (row.step() >= from && row.step() < to) {
                    sum += row.trainLoss();
                    count++;
                }
            }
        }
        assertTrue(count > 0, "no evaluations in [" + from + ", " + to + ")");
        return sum / count;
    }
}
