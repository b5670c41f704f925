package org.optbench.harness.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.reports.CurveRow;
import org.optbench.reports.TrialRow;

/**
 * experiments/regularization.yaml, reduced: the shipped model and 1,000 training images, 25 epochs instead of 50,
 * 1,000 validation images, 2 seeds. Asserted: the unregularized MLP overfits (training loss below 0.01 while its
 * validation loss ends at least 10% above its own minimum), and every regularizer set ends with a lower validation
 * loss than the unregularized baseline, averaged over the seeds. "Ends with" is the mean over the last 5 epochs
 * (early stopping: the restored epoch's, which is what it returns): Adam with the L2 penalty has one-epoch spikes
 * (0.555 at epoch 25 between 0.39 and 0.41 in a trial run), so a single epoch is no reliable end point. Validation
 * accuracy is not asserted: in the trial runs it moved by less than a point either way (docs/experiments.md), which
 * 1,000 validation images cannot resolve.
 */
class RegularizationExperimentTest {

    @Test
    void theBaselineOverfitsAndEveryRegularizerEndsWithALowerValidationLoss(@TempDir Path folder) {
        ShippedExperiment.Run run = ShippedExperiment.run("regularization", folder.resolve("run"), "validation=1000",
                "epochs=25", "repeats=2");
        Map<String, List<TrialRow>> sets = run.byConfiguration();
        assertEquals(5, sets.size(), "the baseline and four regularizer sets");
        List<TrialRow> baseline = run.trialsWhere(row -> row.configuration().regularizers(), "[]");
        double baselineLoss = 0;
        for (TrialRow trial : baseline) {
            List<CurveRow> curve = run.curve(trial.trial());
            double lowest = curve.stream().mapToDouble(CurveRow::validationLoss).min().orElseThrow();
            // Trial runs: training loss 6e-4 after 30 epochs, validation loss 0.44-0.46 against a minimum of 0.35-0.37.
            assertTrue(trial.trainLoss() < 0.01, "baseline fits the 1,000 images: training loss " + trial.trainLoss());
            assertTrue(trial.validationLoss() > 1.1 * lowest,
                    "baseline validation loss rises: ends " + trial.validationLoss() + ", lowest " + lowest);
            baselineLoss += lastEpochs(run, trial) / baseline.size();
        }
        for (String regularizer : List.of("[l2(", "[dropout(", "[max-norm(", "[early-stopping(")) {
            List<TrialRow> trials = run.trialsWhere(row -> row.configuration().regularizers(), regularizer);
            assertEquals(2, trials.size());
            double loss = trials.stream().mapToDouble(trial -> regularizer.equals("[early-stopping(")
                    ? trial.validationLoss() : lastEpochs(run, trial)).average().orElseThrow();
            // Trial run (seed derivation 2, 25 epochs, last 5 epochs): baseline 0.453, l2 0.424 (its final epoch alone:
            // 0.482, a spike), dropout 0.392, max-norm 0.430; early stopping (restored) 0.376.
            assertTrue(loss < baselineLoss, regularizer + " validation loss " + loss + " vs baseline " + baselineLoss);
            if (!regularizer.equals("[early-stopping(")) {
                double trainLoss = trials.stream().mapToDouble(TrialRow::trainLoss).average().orElseThrow();
                double baselineTrain = baseline.stream().mapToDouble(TrialRow::trainLoss).average().orElseThrow();
                assertTrue(trainLoss > baselineTrain, regularizer + " pays in training loss: " + trainLoss + " vs " + baselineTrain);
            }
        }
    }

    /** The trial's validation loss averaged over its last 5 epochs. */
    private static double lastEpochs(ShippedExperiment.Run run, TrialRow trial) {
        List<CurveRow> curve = run.curve(trial.trial());
        return curve.subList(curve.size() - 5, curve.size()).stream().mapToDouble(CurveRow::validationLoss)
                .average().orElseThrow();
    }
}
