package org.optbench.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optbench.harness.config.ExperimentFile;
import org.optbench.harness.config.ExperimentParser;
import org.optbench.harness.config.Plan;
import org.optbench.harness.trial.Trial;
import org.optbench.harness.trial.TrialRunner;
import org.optbench.harness.wiring.DataOptions;
import org.optbench.harness.wiring.Registry;
import org.optbench.harness.wiring.Wiring;
import org.optbench.reports.CurveRow;

/**
 * Whole MNIST trials read from the shared bytes (docs/datasets.md, "Memory") give, to the last bit, the curves that
 * optbench gave when every option set held its own float copy. The expected numbers are the {@code curves.csv} of
 * {@code optbench run} on main at commit 3fd16c2 (the last commit before the bytes were shared) for these two
 * experiments, copied with Java's round-trip double formatting; exact equality is the claim (the model sees the
 * same floats in the same order, so nothing may differ).
 */
class SharedImageDataTest {

    private static final Registry REGISTRY = Wiring.registry(List.of());

    @Test
    void unstandardizedSoftmaxCurveIsUnchanged() {
        List<CurveRow> rows = run("""
                name: mem-c
                seed: 3
                subset: 1000
                validation: 0.05
                parts:
                  - dataset: mnist
                    model: softmax
                    optimizer: rmsprop(lr=0.001)
                    epochs: 1
                    batch: 100
                    eval_every: 2
                """, new DataOptions(null, 0.05, 1000, "none", 3));
        double[][] main = {
            {0, 2.4264818202862752, 2.425261560859645, 2.412213926986208},
            {2, 2.4036165019454176, 2.2168053204163916, 2.1956371730522233},
            {4, 2.1678166803439454, 2.0917946457193395, 2.0647190097285386},
            {6, 2.0237436780796303, 1.9996486247358745, 1.9678091174133798},
            {8, 1.9687977242056718, 1.917283348796358, 1.884223957068088},
            {10, 1.8499570890359514, 1.8469222732242154, 1.8127788966441993}};
        assertCurve(main, rows);
    }

    @Test
    void globallyStandardizedMlpCurveIsUnchanged() {
        List<CurveRow> rows = run("""
                name: mem-b
                seed: 11
                subset: 400
                validation: 200
                standardize: global
                parts:
                  - dataset: mnist
                    model: mlp(hidden=[16], activation=relu)
                    optimizer: nesterov(lr=0.05, momentum=0.9)
                    epochs: 1
                    batch: 40
                    eval_every: 3
                """, new DataOptions(null, 200, 400, "global", 11));
        double[][] main = {
            {0, 2.7404566960520236, 2.787494518200449, 2.690883355627047},
            {3, 2.31047773846064, 1.8057880478039965, 1.8001092402387102},
            {6, 1.4827012296252435, 1.2850115181150903, 1.2966806619513678},
            {9, 1.2900624034105048, 0.9949514251766781, 1.001515289391422},
            {10, 0.6331692123944549, 0.8855290197675514, 0.886504121361298}};
        assertCurve(main, rows);
    }

    /** Each expected row: step, train loss, validation loss, test loss. */
    private static void assertCurve(double[][] expected, List<CurveRow> rows) {
        assertEquals(expected.length, rows.size(), "evaluation rows");
        for (int i = 0; i < expected.length; i++) {
            CurveRow row = rows.get(i);
            assertEquals((long) expected[i][0], row.step(), "step of row " + i);
            assertEquals(expected[i][1], row.trainLoss(), 0.0, "train loss at step " + row.step());
            assertEquals(expected[i][2], row.validationLoss(), 0.0, "validation loss at step " + row.step());
            assertEquals(expected[i][3], row.testLoss(), 0.0, "test loss at step " + row.step());
        }
    }

    private static List<CurveRow> run(String yaml, DataOptions options) {
        Plan plan = new ExperimentParser(REGISTRY).parsePlan(ExperimentFile.parse(yaml, "shared.yaml"), List.of(),
                "shared.yaml", "shared");
        TrialRunner runner = new TrialRunner(REGISTRY, canonical -> {
            try {
                return REGISTRY.loadDataset(canonical, options);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        List<CurveRow> rows = new ArrayList<>();
        for (Trial trial : plan.trials(REGISTRY::isFunction)) {
            rows.addAll(runner.run(trial).curves());
        }
        return rows;
    }
}
