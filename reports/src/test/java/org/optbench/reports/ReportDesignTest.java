package org.optbench.reports;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.optbench.reports.figures.FigureFormat;
import org.optbench.reports.stats.Summaries;

/** report.md states the design, flags configurations too small to test, and says when a run is incomplete. */
class ReportDesignTest {
    private static final Configuration SGD = new Configuration("sgd(lr=0.1)", "constant(unit=step)", "[]", "mnist",
            "mlp(hidden=[128], activation=relu)");
    private static final Configuration ADAM = new Configuration("adam(lr=0.001)", "constant(unit=step)", "[]",
            "mnist", "mlp(hidden=[128], activation=relu)");

    @Test
    void anInterruptedPairedRunSaysSoAndFlagsTooFewSeeds() {
        // 10 planned trials (2 optimizers × 5 repeats), 3 finished: sgd 2, adam 1; one sgd trial diverged.
        List<TrialRow> trials = new ArrayList<>();
        trials.add(trial(0, SGD, 0, TrialStatus.OK, 0.95));
        trials.add(trial(1, SGD, 1, TrialStatus.DIVERGED, 0.10));
        trials.add(trial(5, ADAM, 0, TrialStatus.OK, 0.97));
        String markdown = render(trials, manifest("paired", 5, 10));
        assertTrue(markdown.contains("## Design\n\n- **Paired seeds** (common random numbers)"), markdown);
        assertTrue(markdown.contains("1 to 2 seeds per configuration; 1 data seed"), markdown);
        assertTrue(markdown.contains("here `val_accuracy`"), markdown);
        assertTrue(markdown.contains("- **Fewer than 3 seeds**: sgd (2), adam (1). Any comparison involving them is"
                + " not significant by construction."), markdown);
        assertTrue(markdown.contains("- **Incomplete run**: 3 of 10 planned trials have finished (sgd 2/5,"
                + " adam 1/5)"), markdown);
        // The diverged trial is counted, not averaged: sgd's mean test accuracy is its one usable seed, 95.00.
        assertTrue(markdown.contains("| 95.00 |"), markdown);
    }

    @Test
    void aCompleteIndependentRunSaysSo() {
        List<TrialRow> trials = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            trials.add(trial(r, SGD, r, TrialStatus.OK, 0.95 + 0.001 * r));
            trials.add(trial(3 + r, ADAM, r, TrialStatus.OK, 0.97 - 0.001 * r));
        }
        String markdown = render(trials, manifest("independent", 3, 6));
        assertTrue(markdown.contains("- **Independent seeds** (`pairing: independent`)"), markdown);
        assertTrue(markdown.contains("- Complete: 6 of 6 planned trials."), markdown);
        assertFalse(markdown.contains("Fewer than 3 seeds"), markdown);
        assertFalse(markdown.contains("Incomplete"), markdown);
    }

    private static String render(List<TrialRow> trials, Map<String, Object> manifest) {
        RunData data = new RunData(Path.of("run"), trials, List.of(), Map.of(), Map.of(), Map.of(), manifest);
        return ReportMarkdown.render(data, Summaries.of(trials, data.hasTarget()), List.of(),
                Set.of(FigureFormat.PNG));
    }

    private static Map<String, Object> manifest(String pairing, int repeats, int trials) {
        Map<String, Object> experiment = new LinkedHashMap<>();
        experiment.put("dataset", List.of("mnist"));
        experiment.put("optimizer", List.of(SGD.optimizer(), ADAM.optimizer()));
        experiment.put("repeats", repeats);
        experiment.put("epochs", 3);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("name", "design");
        manifest.put("experiment", experiment);
        manifest.put("pairing", pairing);
        manifest.put("target", "val_accuracy >= 0.9");
        manifest.put("trials", trials);
        return manifest;
    }

    private static TrialRow trial(int id, Configuration configuration, int repeat, TrialStatus status,
            double accuracy) {
        return new TrialRow(id, configuration, 1000 + repeat, 7, repeat, status, 3, 2, 300, 0.2, 0.2, accuracy, 0.2,
                accuracy, 0.2, accuracy, 10, 3, Double.NaN, -1, status == TrialStatus.OK ? "" : "diverged at step 9");
    }
}
