package org.optbench.harness.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optbench.datasets.DataSplit;
import org.optbench.datasets.Dataset;
import org.optbench.reports.CurveRow;
import org.optbench.reports.TrialStatus;

/** The rows {@code test_every} scores, and the fixed validation subset of {@code val_subset}. */
class EvaluationPlanTest {

    static final Dataset DATA = IntraTrialThreadsTest.images(240, 200, 90, 17);
    static final TrialRunner RUNNER = new TrialRunner(TrialRunnerTest.REGISTRY, name -> DATA);

    static TrialResult run(EvaluationPlan plan, int epochs, List<String> regularizers) {
        TrialSettings settings = new TrialSettings(epochs, 40, false, 1, 0, 0, 0, null, plan);
        return RUNNER.run(new Trial(0, DATA.name(), "softmax", "sgd(lr=0.05)", "constant(unit=step)", regularizers, 0, 3, 4,
                settings));
    }

    /** The row with its training time zeroed: the only column that differs between two runs of a trial. */
    static CurveRow withoutTime(CurveRow row) {
        return new CurveRow(row.trial(), row.configuration(), row.seed(), row.repeat(), row.epoch(), row.step(),
                row.learningRate(), row.trainLoss(), row.validationLoss(), row.validationAccuracy(), row.testLoss(),
                row.testAccuracy(), 0);
    }

    /** Indices of the curve rows that carry test metrics. */
    static List<Integer> testedRows(TrialResult result) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < result.curves().size(); i++) {
            CurveRow row = result.curves().get(i);
            assertEquals(Double.isNaN(row.testLoss()), Double.isNaN(row.testAccuracy()), "loss and accuracy together");
            if (!Double.isNaN(row.testLoss())) {
                rows.add(i);
            }
        }
        return rows;
    }

    @Test
    void testEveryScoresEveryKthRowAndTheLastWithTheFullRunsValues() {
        TrialResult full = run(EvaluationPlan.FULL, 7, List.of());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), testedRows(full));
        TrialResult third = run(new EvaluationPlan(3, 0), 7, List.of());
        // Rows 0..7 (row 0 before training, one per epoch): 0, 3, 6 by the schedule, 7 because it is the last.
        assertEquals(List.of(0, 3, 6, 7), testedRows(third));
        TrialResult end = run(new EvaluationPlan(0, 0), 7, List.of());
        assertEquals(List.of(7), testedRows(end));
        // Evaluation draws no random numbers and does not touch the parameters: the scored rows are the full run's.
        for (int i : List.of(0, 3, 6, 7)) {
            assertEquals(withoutTime(full.curves().get(i)), withoutTime(third.curves().get(i)), "row " + i);
        }
        for (int i = 0; i < 8; i++) {
            assertEquals(full.curves().get(i).validationLoss(), end.curves().get(i).validationLoss(), 0.0);
        }
        assertEquals(full.row().testAccuracy(), end.row().testAccuracy(), 0.0, "the trial row always has test metrics");
        assertEquals(full.row().testLoss(), end.row().testLoss(), 0.0);
    }

    @Test
    void earlyStoppingsRestoredRowGetsTestMetrics() {
        // A rate so large that validation loss soon stops improving: early stopping restores an earlier epoch.
        List<String> stopping = List.of("early-stopping(patience=1, min_delta=0, metric=val_loss)");
        TrialSettings settings = new TrialSettings(30, 40, false, 1, 0, 0, 0, null, new EvaluationPlan(0, 0));
        TrialResult end = RUNNER.run(new Trial(0, DATA.name(), "softmax", "sgd(lr=3)", "constant(unit=step)", stopping, 0,
                3, 4, settings));
        TrialResult full = RUNNER.run(new Trial(0, DATA.name(), "softmax", "sgd(lr=3)", "constant(unit=step)", stopping,
                0, 3, 4, new TrialSettings(30, 40, false, 1, 0, 0, 0, null, EvaluationPlan.FULL)));
        assertEquals(TrialStatus.STOPPED_EARLY, end.row().status(), end.row().message());
        int best = end.row().bestEpoch();
        int last = end.curves().size() - 1;
        assertTrue(best < last, "the restored epoch is not the last row");
        assertEquals(List.of(best, last), testedRows(end), "the restored row and the last row");
        assertEquals(withoutTime(full.curves().get(best)), withoutTime(end.curves().get(best)));
        assertEquals(full.row().testLoss(), end.row().testLoss(), 0.0);
        assertEquals(full.curves().get(best).testLoss(), end.row().testLoss(), 0.0);
    }

    @Test
    void theValidationSubsetIsAFixedSortedSubsetOfDistinctRows() {
        DataSplit validation = DATA.validation();
        DataSplit subset = new EvaluationPlan(1, 50).validation(validation);
        assertEquals(50, subset.count());
        int previous = -1;
        for (int r = 0; r < 50; r++) {
            float[] row = Arrays.copyOfRange(subset.features(), r * 784, (r + 1) * 784);
            int source = -1;
            for (int i = 0; i < validation.count(); i++) {
                if (Arrays.equals(row, Arrays.copyOfRange(validation.features(), i * 784, (i + 1) * 784))) {
                    source = i;
                    break;
                }
            }
            assertTrue(source > previous, "row " + r + " is a later row of the split than row " + (r - 1));
            assertEquals(validation.labels()[source], subset.labels()[r], "labels travel with their rows");
            previous = source;
        }
        assertTrue(previous >= 100, "the subset reaches into the split's second half, it is not its head: " + previous);
        DataSplit again = new EvaluationPlan(3, 50).validation(validation);
        assertTrue(Arrays.equals(subset.features(), again.features()), "the same subset every time");
        assertSame(validation, new EvaluationPlan(1, 200).validation(validation), "a subset as large as the split is it");
        assertSame(validation, EvaluationPlan.FULL.validation(validation));
    }

    @Test
    void aTrialWithAValidationSubsetScoresExactlyThoseExamples() {
        TrialResult subset = run(new EvaluationPlan(1, 50), 2, List.of());
        for (CurveRow row : subset.curves()) {
            // 50 examples: every accuracy is a whole number of fiftieths (the full split would give two-hundredths).
            double hits = row.validationAccuracy() * 50;
            assertEquals(Math.rint(hits), hits, 1e-9, "row at step " + row.step());
        }
        TrialResult full = run(EvaluationPlan.FULL, 2, List.of());
        assertEquals(full.curves().get(2).trainLoss(), subset.curves().get(2).trainLoss(), 0.0, "training unchanged");
        assertEquals(full.curves().get(2).testLoss(), subset.curves().get(2).testLoss(), 0.0, "test split unchanged");
        assertFalse(full.curves().get(2).validationLoss() == subset.curves().get(2).validationLoss(),
                "the validation loss is over other examples");
    }
}
