package org.optbench.reports.csv;

import java.util.List;

import org.optbench.reports.Configuration;
import org.optbench.reports.CurveRow;
import org.optbench.reports.TrialRow;
import org.optbench.reports.TrialStatus;

/** The columns of {@code curves.csv} and {@code trials.csv} and the conversion of rows to and from cells. */
public final class RunSchema {
    /** Header of {@code curves.csv}. */
    public static final List<String> CURVES_HEADER = List.of("trial", "optimizer", "schedule", "regularizers",
            "dataset", "model", "seed", "repeat", "epoch", "step", "lr", "train_loss", "val_loss", "val_accuracy",
            "test_loss", "test_accuracy", "elapsed_s", "phase");

    /** Header of {@code curves.csv} before the {@code phase} column, still read (as phase-less rows). */
    static final List<String> CURVES_HEADER_V1 = CURVES_HEADER.subList(0, CURVES_HEADER.size() - 1);

    /** Header of {@code trials.csv}. */
    public static final List<String> TRIALS_HEADER = List.of("trial", "optimizer", "schedule", "regularizers",
            "dataset", "model", "seed", "data_seed", "repeat", "status", "epochs_run", "best_epoch", "steps", "train_loss",
            "val_loss", "val_accuracy", "test_loss", "test_accuracy", "best_val_loss", "best_val_accuracy", "wall_s",
            "s_per_epoch", "time_to_target_s", "steps_to_target", "message", "phase");

    /** Header of {@code trials.csv} before the {@code phase} column, still read (as phase-less rows). */
    static final List<String> TRIALS_HEADER_V1 = TRIALS_HEADER.subList(0, TRIALS_HEADER.size() - 1);

    private RunSchema() {
    }

    static List<String> cells(CurveRow row) {
        Configuration c = row.configuration();
        return List.of(Integer.toString(row.trial()), c.optimizer(), c.schedule(), c.regularizers(), c.dataset(),
                c.model(), Long.toString(row.seed()), Integer.toString(row.repeat()), Integer.toString(row.epoch()),
                Long.toString(row.step()), Cells.number(row.learningRate()), Cells.number(row.trainLoss()),
                Cells.number(row.validationLoss()), Cells.number(row.validationAccuracy()),
                Cells.number(row.testLoss()), Cells.number(row.testAccuracy()), Cells.number(row.elapsedSeconds()), Cells.text(row.phase()));
    }

    static List<String> cells(TrialRow row) {
        Configuration c = row.configuration();
        return List.of(Integer.toString(row.trial()), c.optimizer(), c.schedule(), c.regularizers(), c.dataset(),
                c.model(), Long.toString(row.seed()), Long.toString(row.dataSeed()), Integer.toString(row.repeat()),
                row.status().key(),
                Integer.toString(row.epochsRun()), Integer.toString(row.bestEpoch()), Long.toString(row.steps()),
                Cells.number(row.trainLoss()), Cells.number(row.validationLoss()),
                Cells.number(row.validationAccuracy()), Cells.number(row.testLoss()),
                Cells.number(row.testAccuracy()), Cells.number(row.bestValidationLoss()),
                Cells.number(row.bestValidationAccuracy()), Cells.number(row.wallSeconds()),
                Cells.number(row.secondsPerEpoch()), Cells.number(row.secondsToTarget()),
                Long.toString(row.stepsToTarget()), Cells.text(row.message()), Cells.text(row.phase()));
    }

    private static Configuration configuration(CsvRows.Row row) {
        return new Configuration(row.text(1), row.text(2), row.text(3), row.text(4), row.text(5));
    }

    static CurveRow curve(CsvRows.Row row) {
        return new CurveRow(row.smallInteger(0), configuration(row), row.integer(6), row.smallInteger(7),
                row.smallInteger(8), row.integer(9), row.number(10), row.number(11), row.number(12), row.number(13),
                row.number(14), row.number(15), row.number(16), phase(row, 17));
    }

    static TrialRow trial(CsvRows.Row row) {
        TrialStatus status;
        try {
            status = TrialStatus.parse(row.text(9));
        } catch (IllegalArgumentException e) {
            throw row.error(9, "unknown status '" + row.text(9) + "'; expected ok, diverged, stopped-early,"
                    + " time-budget or failed");
        }
        return new TrialRow(row.smallInteger(0), configuration(row), row.integer(6), row.integer(7),
                row.smallInteger(8), status, row.smallInteger(10), row.smallInteger(11), row.integer(12),
                row.number(13), row.number(14), row.number(15), row.number(16), row.number(17), row.number(18),
                row.number(19), row.number(20), row.number(21), row.number(22), row.integer(23), row.text(24),
                phase(row, 25));
    }

    /** The phase cell, empty in files written before the column existed. */
    private static String phase(CsvRows.Row row, int column) {
        return row.size() > column ? row.text(column) : "";
    }

    /** Whether {@code header} is the current one or the one before the phase column. */
    static boolean isHeader(List<String> header, List<String> current, List<String> previous) {
        return header.equals(current) || header.equals(previous);
    }
}
