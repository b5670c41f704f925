package org.optbench.reports.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optbench.reports.Configuration;
import org.optbench.reports.TrialRow;
import org.optbench.reports.TrialStatus;

/** Tuning curves, ranks and the performance profile on hand-made rows, each expected value worked out here. */
class TuningReportTest {

    static TrialRow row(int id, String optimizer, String dataset, String phase, int repeat, double valLoss,
            double testAccuracy, long stepsToTarget) {
        return new TrialRow(id, new Configuration(optimizer, "constant", "[]", dataset, "mlp"), 1, 7, repeat, TrialStatus.OK,
                2, 1, 10, 0.5, valLoss, 0.5, 0.5, testAccuracy, valLoss, 0.5, 1, 0.5, Double.NaN, stepsToTarget, "", phase);
    }

    @Test
    void theTuningCurveIsTheRunningBestInDrawOrder() {
        List<TrialRow> rows = List.of(row(0, "sgd(lr=1)", "a", "tune", 0, 0.8, 0, -1),
                row(1, "sgd(lr=0.1)", "a", "tune", 0, 0.9, 0, -1), row(2, "sgd(lr=0.01)", "a", "tune", 0, 0.5, 0, -1),
                row(3, "adam(lr=0.1)", "a", "tune", 0, 0.7, 0, -1), row(4, "adam(lr=0.01)", "a", "tune", 0, 0.6, 0, -1),
                row(5, "sgd(lr=1)", "a", "final", 0, 0.1, 0, -1));
        Map<String, double[]> curves = TuningReport.tuningCurves(rows, "val_loss", "final").values().iterator().next();
        assertArrayEquals(new double[] {0.8, 0.8, 0.5}, curves.get("sgd"), 0.0);
        assertArrayEquals(new double[] {0.7, 0.6}, curves.get("adam"), 0.0);
        String leaders = TuningReport.leaders(TuningReport.tuningCurves(rows, "val_loss", "final"), "val_loss");
        // k = 1: adam 0.7 < sgd 0.8; k = 2: adam 0.6 < 0.8; k = 3: sgd 0.5 < adam 0.6 (adam's last value).
        assertTrue(leaders.contains("| a / mlp | adam | adam | sgd |"), leaders);
    }

    @Test
    void underHalvingTheCurveIsTheTopRungsBestAgainstTrialsSpentAndTheSelectionReadsOnlyTheTopRung() {
        // sgd: three configurations at rung 0, two go on to rung 1, one to the top rung; adam: straight to the top.
        List<TrialRow> rows = List.of(row(0, "sgd(lr=1)", "a", "rung-0", 0, 0.3, 0, -1),
                row(1, "sgd(lr=0.1)", "a", "rung-0", 0, 0.2, 0, -1), row(2, "sgd(lr=0.01)", "a", "rung-0", 0, 0.9, 0, -1),
                row(3, "adam(lr=0.1)", "a", "tune", 0, 0.25, 0, -1),
                row(4, "sgd(lr=1)", "a", "rung-1", 0, 0.15, 0, -1), row(5, "sgd(lr=0.1)", "a", "rung-1", 0, 0.1, 0, -1),
                row(6, "sgd(lr=0.1)", "a", "tune", 0, 0.4, 0, -1), row(7, "sgd(lr=0.1)", "a", "final", 0, 0.01, 0, -1));
        Map<String, double[]> curves = TuningReport.tuningCurves(rows, "val_loss", "final").values().iterator().next();
        // sgd: five lower-rung trials without a top-rung score (+inf, not drawn), then its top rung's 0.4.
        double inf = Double.POSITIVE_INFINITY;
        assertArrayEquals(new double[] {inf, inf, inf, inf, inf, 0.4}, curves.get("sgd"), 0.0);
        assertArrayEquals(new double[] {0.25}, curves.get("adam"), 0.0);
        // The choice is the top rung's lr=0.1 at 0.4, although lower rungs read lower losses; the budget counts all.
        Selection.Choice sgd = Selection.select(rows, "val_loss", "final").get(0);
        assertEquals("sgd(lr=0.1)", sgd.chosen().configuration());
        assertEquals(0.4, sgd.chosen().score(), 0.0);
        assertEquals(3, sgd.configurations());
        assertEquals(6, sgd.trials());
        // A run stopped before sgd's top rung has no choice for it yet, only adam's.
        assertEquals(List.of("adam"), Selection.select(rows.subList(0, 6), "val_loss", "final").stream()
                .map(choice -> choice.problem().optimizer()).toList());
    }

    @Test
    void ranksShareTiesAndAverageOverProblemsThenSeeds() {
        assertEquals(Map.of("a", 1.5, "b", 1.5, "c", 3.0), TuningReport.rank(Map.of("a", 1.0, "b", 1.0, "c", 2.0)));
        List<TrialRow> rows = new ArrayList<>();
        // Problem p: seed 0 sgd 0.9 > adam 0.8 (sgd rank 1); seed 1 adam 0.95 > sgd 0.9 (adam rank 1).
        // Problem q: sgd ahead on both seeds. Per-seed means: seed 0 sgd 1, adam 2; seed 1 sgd 1.5, adam 1.5.
        rows.add(row(0, "sgd(lr=1)", "p", "final", 0, 0, 0.9, -1));
        rows.add(row(1, "adam(lr=1)", "p", "final", 0, 0, 0.8, -1));
        rows.add(row(2, "sgd(lr=1)", "p", "final", 1, 0, 0.9, -1));
        rows.add(row(3, "adam(lr=1)", "p", "final", 1, 0, 0.95, -1));
        rows.add(row(4, "sgd(lr=1)", "q", "final", 0, 0, 0.7, -1));
        rows.add(row(5, "adam(lr=1)", "q", "final", 0, 0, 0.6, -1));
        rows.add(row(6, "sgd(lr=1)", "q", "final", 1, 0, 0.7, -1));
        rows.add(row(7, "adam(lr=1)", "q", "final", 1, 0, 0.6, -1));
        String table = TuningReport.ranks(rows);
        assertTrue(table.contains("| sgd | 1.25 | 1.00 – 1.50 |"), table);
        assertTrue(table.contains("| adam | 1.75 | 1.50 – 2.00 |"), table);
    }

    @Test
    void theProfileCountsProblemsSolvedWithinTauOfTheFastest() {
        List<TrialRow> rows = List.of(
                // Problem p: sgd median(100, 300, 200) = 200, adam median(100, 100, never) = 100: ratios 2 and 1.
                row(0, "sgd(lr=1)", "p", "final", 0, 0, 0, 100), row(1, "sgd(lr=1)", "p", "final", 1, 0, 0, 300),
                row(2, "sgd(lr=1)", "p", "final", 2, 0, 0, 200), row(3, "adam(lr=1)", "p", "final", 0, 0, 0, 100),
                row(4, "adam(lr=1)", "p", "final", 1, 0, 0, 100), row(5, "adam(lr=1)", "p", "final", 2, 0, 0, -1),
                // Problem q: sgd never (2 of 3 seeds miss: median ∞), adam 50: adam ratio 1, sgd never.
                row(6, "sgd(lr=1)", "q", "final", 0, 0, 0, 10), row(7, "sgd(lr=1)", "q", "final", 1, 0, 0, -1),
                row(8, "sgd(lr=1)", "q", "final", 2, 0, 0, -1), row(9, "adam(lr=1)", "q", "final", 0, 0, 0, 50),
                row(10, "adam(lr=1)", "q", "final", 1, 0, 0, 50), row(11, "adam(lr=1)", "q", "final", 2, 0, 0, 50));
        Map<String, double[]> profile = TuningReport.profile(rows, new double[] {1, 1.99, 2, 100});
        assertArrayEquals(new double[] {1, 1, 1, 1}, profile.get("adam"), 1e-15);
        assertArrayEquals(new double[] {0, 0, 0.5, 0.5}, profile.get("sgd"), 1e-15);
    }
}
