package org.optbench.harness.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.reports.CurveRow;
import org.optbench.reports.TrialRow;
import org.optbench.reports.TrialStatus;

/**
 * experiments/mnist-optimizers.yaml, reduced: 3,000 training images, one epoch (24 updates of 128), an evaluation
 * every 5 updates, 3 seeds. Asserted is the part of Kingma and Ba's claim that is robust at this size: Adam's
 * training loss over the first 5 updates is below SGD with Nesterov momentum's. It is structural, not luck:
 * Nesterov's velocity starts at 0 and needs ~1/(1 − α) = 10 updates to reach its full step η/(1 − α), while
 * Adam's bias-corrected first steps move every weight by about η at once. Which method ends lowest after many
 * epochs is not asserted (it depends on the tuned rates and differs between models; docs/experiments.md).
 */
class MnistOptimizersExperimentTest {

    @Test
    void adamStartsBelowNesterovOnMostSeedsAndEveryMethodLearns(@TempDir Path folder) {
        ShippedExperiment.Run run = ShippedExperiment.run("mnist-optimizers", folder.resolve("run"), "subset=3000",
                "validation=1000", "epochs=1", "eval_every=5", "repeats=3");
        assertEquals(30, run.trials().size(), "2 models x 5 optimizers x 3 seeds");
        for (TrialRow trial : run.trials()) {
            assertEquals(TrialStatus.OK, trial.status(), trial.configuration() + " " + trial.message());
            // Chance is 0.1; in trial runs the weakest configuration (adadelta on the MLP) reached 0.67 to 0.83
            // after these 24 updates, the others 0.79 to 0.89.
            assertTrue(trial.testAccuracy() > 0.5, trial.configuration() + " test accuracy " + trial.testAccuracy());
        }
        for (String model : List.of("softmax", "mlp(")) {
            List<TrialRow> adam = run.trials().stream().filter(row -> row.configuration().model().startsWith(model)
                    && row.configuration().optimizer().startsWith("adam(")).toList();
            List<TrialRow> nesterov = run.trials().stream().filter(row -> row.configuration().model().startsWith(model)
                    && row.configuration().optimizer().startsWith("nesterov(")).toList();
            assertEquals(3, adam.size());
            assertEquals(3, nesterov.size());
            int adamLower = 0;
            StringBuilder seen = new StringBuilder();
            for (TrialRow adamTrial : adam) {
                TrialRow nesterovTrial = nesterov.stream().filter(row -> row.repeat() == adamTrial.repeat()).findFirst().orElseThrow();
                double adamLoss = firstEvaluation(run, adamTrial).trainLoss();
                double nesterovLoss = firstEvaluation(run, nesterovTrial).trainLoss();
                seen.append(String.format(" repeat %d: adam %.3f, nesterov %.3f;", adamTrial.repeat(), adamLoss, nesterovLoss));
                if (adamLoss < nesterovLoss) {
                    adamLower++;
                }
            }
            // Most seeds, not all: on the MLP one seed had the two within 0.02 of each other in trial runs.
            assertTrue(adamLower >= 2, model + ": adam below nesterov after 5 updates on " + adamLower + " of 3 seeds:" + seen);
        }
    }

    private static CurveRow firstEvaluation(ShippedExperiment.Run run, TrialRow trial) {
        CurveRow first = run.curve(trial.trial()).stream().filter(row -> row.step() > 0).findFirst().orElseThrow();
        assertEquals(5, first.step(), "eval_every=5");
        return first;
    }
}
