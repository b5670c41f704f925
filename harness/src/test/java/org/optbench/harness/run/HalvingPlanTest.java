package org.optbench.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optbench.harness.config.ExperimentFile;
import org.optbench.harness.config.ExperimentParser;
import org.optbench.harness.config.Plan;
import org.optbench.harness.testing.TestComponentsModule;
import org.optbench.harness.trial.Trial;
import org.optbench.harness.tuning.Halving;
import org.optbench.harness.wiring.Wiring;
import org.optbench.reports.TrialRow;
import org.optbench.reports.TrialStatus;
import org.optbench.reports.tuning.Selection;

/**
 * Successive halving on a constructed case: the tuning rows are written here with validation losses chosen by
 * hand, so which configuration each rung stops is known in advance (worked out in the comments), ties at the cut
 * included; the study must plan exactly those waves, and select from the top rung only.
 */
class HalvingPlanTest {
    // sgd: 7 grid configurations, lr = 0.7, 0.6, ..., 0.1 in this order (c0..c6); adam: one configuration.
    // Rungs for epochs 9, min_epochs 1, eta 3: 1, 3, 9 epochs. sgd: 7 -> ceil(7/3) = 3 -> ceil(3/3) = 1 configurations;
    // adam has one configuration, so nothing to decide: it runs the top rung (9 epochs) in the first wave.
    static final String EXPERIMENT = """
            dataset: blobs(n=60)
            model: test-softmax
            epochs: 9
            optimizer:
              - sgd(lr=[0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1])
              - adam(lr=0.01)
            tuning: {method: grid, halving: {min_epochs: 1, eta: 3}, final: {seeds: 2}}
            """;

    static Plan plan(String yaml) {
        return new ExperimentParser(Wiring.registry(List.of(TestComponentsModule.class.getName())))
                .parsePlan(ExperimentFile.parse(yaml, "e.yaml"), List.of(), "e.yaml", "e");
    }

    /** A row of {@code trial} with validation loss {@code loss} (and status ok unless {@code diverged}). */
    static TrialRow row(Trial trial, String phase, double loss, boolean diverged) {
        return new TrialRow(trial.id(), trial.configuration(), trial.seed(), trial.dataSeed(), trial.repeat(),
                diverged ? TrialStatus.DIVERGED : TrialStatus.OK, trial.settings().epochs(), trial.settings().epochs(), 10,
                1.0, loss, 0.5, 9.0, 0.1, loss, 0.5, 0.1, 0.1, Double.NaN, -1, "", phase);
    }

    @Test
    void eachRungKeepsTheBestThirdWithTiesToTheConfigurationDrawnFirst() {
        Plan plan = plan(EXPERIMENT);
        Study study = new Study(plan, plan.trials(name -> false));
        // 11 sgd tuning trials (7 + 3 + 1), 1 adam, then 2 groups x 2 final seeds.
        assertEquals(16, study.totalTrials());
        assertEquals(4, study.finalCount());
        // Epochs: sgd 7 x 1 + 3 x 3 + 1 x 9 = 25, adam 9: 34, against 8 x 9 = 72 without halving.
        assertEquals(List.of(34L, 72L), java.util.Arrays.stream(study.tuningEpochs()).boxed().toList());

        List<Trial> first = study.firstPhase();
        assertEquals(8, first.size());
        for (int c = 0; c < 7; c++) {
            assertEquals("sgd(lr=0." + (7 - c) + ")", first.get(c).optimizer());
            assertEquals(1, first.get(c).settings().epochs());
            assertEquals("rung-0", study.phase(c));
        }
        Trial adam = first.get(7);
        assertEquals(9, adam.settings().epochs());
        assertEquals("tune", study.phase(7));

        // Rung 0 (1 epoch): c4 0.2 < c2 0.25 < c1 0.3 = c6 0.3 < c0 0.5 < c3 0.9, and c5 diverged (worst, whatever its
        // loss reads). Keep 3: c4, c2 and, of the tie c1/c6 at the cut, c1 (drawn first). c0, c3, c5, c6 stop at rung 0.
        double[] rung0 = {0.5, 0.3, 0.25, 0.9, 0.2, 0.01, 0.3};
        List<TrialRow> rows = new ArrayList<>();
        for (int c = 0; c < 7; c++) {
            rows.add(row(first.get(c), "rung-0", rung0[c], c == 5));
        }
        rows.add(row(adam, "tune", 0.05, false));
        List<List<Trial>> waves = study.waves(rows);
        assertEquals(2, waves.size());
        List<Trial> second = waves.get(1);
        // In wave-0 order (c1, c2, c4), ids 8.., 3 epochs, each rerun on its rung-0 seed.
        assertEquals(List.of("sgd(lr=0.6)", "sgd(lr=0.5)", "sgd(lr=0.3)"), second.stream().map(Trial::optimizer).toList());
        assertEquals(List.of(8, 9, 10), second.stream().map(Trial::id).toList());
        for (Trial trial : second) {
            assertEquals(3, trial.settings().epochs());
            assertEquals(first.get(0).seed(), trial.seed());
            assertEquals("rung-1", study.phase(trial.id()));
        }
        // Without every row of a wave, the next one cannot be planned.
        assertEquals(1, study.waves(rows.subList(0, 6)).size());

        // Rung 1 (3 epochs): c1 0.12, c2 0.10, c4 0.10: the tie c2/c4 goes to c2 (trial 9 before trial 10). Keep 1.
        rows.add(row(second.get(0), "rung-1", 0.12, false));
        rows.add(row(second.get(1), "rung-1", 0.10, false));
        rows.add(row(second.get(2), "rung-1", 0.10, false));
        waves = study.waves(rows);
        assertEquals(3, waves.size(), "no final trials before the top rung is written");
        Trial top = waves.get(2).get(0);
        assertEquals(1, waves.get(2).size());
        assertEquals("sgd(lr=0.5)", top.optimizer());
        assertEquals(11, top.id());
        assertEquals(9, top.settings().epochs());
        assertEquals("tune", study.phase(11));

        // The top rung: the selection reads only it (a loss worse than every lower rung's: rungs are not compared).
        rows.add(row(top, "tune", 0.4, false));
        waves = study.waves(rows);
        assertEquals(4, waves.size());
        List<Trial> finals = waves.get(3);
        assertEquals(List.of(12, 13, 14, 15), finals.stream().map(Trial::id).toList());
        assertEquals(List.of("sgd(lr=0.5)", "sgd(lr=0.5)", adam.optimizer(), adam.optimizer()),
                finals.stream().map(Trial::optimizer).toList());
        assertEquals(9, finals.get(0).settings().epochs());
        assertEquals("final", study.phase(12));

        List<Selection.Choice> choices = study.select(rows);
        assertEquals(2, choices.size());
        Selection.Choice sgd = choices.get(0);
        assertEquals("sgd(lr=0.5)", sgd.chosen().configuration());
        assertEquals(0.4, sgd.chosen().score(), 0.0);
        assertNull(sgd.runnerUp(), "only one configuration reached the top rung");
        // The budget spent: all 7 configurations drawn, 11 trials over the three rungs.
        assertEquals(7, sgd.configurations());
        assertEquals(11, sgd.trials());
        assertEquals(1, choices.get(1).configurations());
        assertEquals(1, choices.get(1).trials());
    }

    @Test
    void theRungsAndTheirSizesFollowTheFormula() {
        Halving halving = new Halving(1, 3);
        assertEquals(List.of(1, 3, 9), halving.rungs(9));
        assertEquals(List.of(1, 3, 8), halving.rungs(8)); // the top rung is the part's epochs
        assertEquals(List.of(1, 2), halving.rungs(2));
        assertEquals(List.of(2, 6, 18, 20), new Halving(2, 3).rungs(20));
        assertEquals(List.of(7, 3, 1), halving.sizes(7, 9));
        assertEquals(List.of(8, 3), halving.sizes(8, 3)); // two rungs only: 8 at 1 epoch, 3 at 3
        assertEquals(List.of(1), halving.sizes(1, 9)); // one configuration: straight to the top rung
        // eta 2, 16 epochs (rungs 1, 2, 4, 8, 16): 8 -> 4 -> 2 -> 1, and the one left skips rung 8 for the top.
        assertEquals(List.of(8, 4, 2, 1), new Halving(1, 2).sizes(8, 16));
        assertEquals(Map.of("min_epochs", 1, "eta", 3), halving.describe());
    }
}
