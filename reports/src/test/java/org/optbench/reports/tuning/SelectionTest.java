package org.optbench.reports.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optbench.reports.Configuration;
import org.optbench.reports.TrialRow;
import org.optbench.reports.TrialStatus;

/** The selection rule on hand-made rows, each expected choice worked out from the numbers written here. */
class SelectionTest {

    static TrialRow row(int id, String optimizer, String dataset, String phase, TrialStatus status, double valLoss,
            double valAccuracy, double bestValLoss, double testLoss) {
        return new TrialRow(id, new Configuration(optimizer, "constant", "[]", dataset, "mlp"), 100 + id, 7, 0, status, 2,
                1, 10, 0.5, valLoss, valAccuracy, testLoss, 1 - testLoss, bestValLoss, valAccuracy, 1, 0.5, Double.NaN, -1,
                "", phase);
    }

    static TrialRow ok(int id, String optimizer, double valLoss) {
        return row(id, optimizer, "d", "tune", TrialStatus.OK, valLoss, 1 - valLoss, valLoss, 0.0);
    }

    @Test
    void theMeanOverSeedsDecidesAndTiesGoToTheConfigurationDrawnFirst() {
        List<TrialRow> rows = new ArrayList<>(List.of(
                // adam(lr=0.1): seeds 0.5 and 0.25 -> mean 0.375; adam(lr=0.01): 0.375 and 0.375 -> 0.375, an exact
                // tie in binary (drawn second); adam(lr=0.001): 0.5 and 0.3125 -> 0.40625.
                ok(0, "adam(lr=0.1)", 0.5), ok(1, "adam(lr=0.1)", 0.25),
                ok(2, "adam(lr=0.01)", 0.375), ok(3, "adam(lr=0.01)", 0.375),
                ok(4, "adam(lr=0.001)", 0.5), ok(5, "adam(lr=0.001)", 0.3125)));
        // Final-phase rows, however good, are not tuning evidence.
        rows.add(row(6, "adam(lr=0.001)", "d", "final", TrialStatus.OK, 0.0, 1, 0.0, 0.0));
        List<Selection.Choice> choices = Selection.select(rows, "val_loss", "final");
        assertEquals(1, choices.size());
        Selection.Choice choice = choices.get(0);
        assertEquals("adam", choice.problem().optimizer());
        assertEquals("adam(lr=0.1)", choice.chosen().configuration());
        assertEquals(0.375, choice.chosen().score(), 0.0);
        assertEquals("adam(lr=0.01)", choice.runnerUp().configuration());
        assertEquals(3, choice.configurations());
        assertEquals(6, choice.trials());
        // The same rows listed in another order give the same choice (the first trial id breaks the tie).
        List<TrialRow> reversed = new ArrayList<>(rows);
        java.util.Collections.reverse(reversed);
        assertEquals("adam(lr=0.1)", Selection.select(reversed, "val_loss", "final").get(0).chosen().configuration());
    }

    @Test
    void aDivergedSeedMakesItsConfigurationTheWorstAndTestColumnsAreNeverRead() {
        List<TrialRow> rows = List.of(
                // sgd(lr=1): one seed diverged with a tiny recorded loss; it must still lose.
                row(0, "sgd(lr=1)", "d", "tune", TrialStatus.DIVERGED, 0.01, 0.99, 0.01, 0.0),
                row(1, "sgd(lr=1)", "d", "tune", TrialStatus.OK, 0.01, 0.99, 0.01, 0.0),
                // sgd(lr=0.1) has the worse test loss (9) but the better validation loss: validation decides.
                row(2, "sgd(lr=0.1)", "d", "tune", TrialStatus.OK, 0.5, 0.8, 0.2, 9.0),
                row(3, "sgd(lr=0.1)", "d", "tune", TrialStatus.OK, 0.7, 0.7, 0.3, 9.0),
                row(4, "sgd(lr=0.01)", "d", "tune", TrialStatus.OK, 0.6, 0.75, 0.1, 0.0),
                row(5, "sgd(lr=0.01)", "d", "tune", TrialStatus.OK, 0.8, 0.5, 0.1, 0.0),
                // Another problem is its own group.
                row(6, "sgd(lr=1)", "other", "tune", TrialStatus.OK, 0.9, 0.1, 0.9, 0.0));
        List<Selection.Choice> choices = Selection.select(rows, "val_loss", "final");
        assertEquals(2, choices.size());
        assertEquals("sgd(lr=0.1)", choices.get(0).chosen().configuration()); // 0.6 < 0.7 < +inf
        assertEquals(0.6, choices.get(0).chosen().score(), 1e-15);
        assertEquals("sgd(lr=0.01)", choices.get(0).runnerUp().configuration());
        // mode best reads best_val_loss: sgd(lr=0.01) 0.1 beats sgd(lr=0.1) 0.25.
        assertEquals("sgd(lr=0.01)", Selection.select(rows, "val_loss", "best").get(0).chosen().configuration());
        // val_accuracy is maximized: sgd(lr=0.1) 0.75 vs sgd(lr=0.01) 0.625.
        assertEquals("sgd(lr=0.1)", Selection.select(rows, "val_accuracy", "final").get(0).chosen().configuration());
        assertEquals(0.75, Selection.select(rows, "val_accuracy", "final").get(0).chosen().score(), 1e-15);
        // A group with one configuration has no runner-up.
        assertNull(choices.get(1).runnerUp());
    }
}
