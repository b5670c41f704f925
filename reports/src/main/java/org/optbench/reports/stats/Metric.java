package org.optbench.reports.stats;

import java.util.function.ToDoubleFunction;

import org.optbench.reports.TrialRow;

/** A per-trial number the reports summarize and compare, with its column name in {@code trials.csv}. */
public enum Metric {
    TRAIN_LOSS("train_loss", "final training loss", false, TrialRow::trainLoss),
    VAL_LOSS("val_loss", "final validation loss", false, TrialRow::validationLoss),
    VAL_ACCURACY("val_accuracy", "final validation accuracy", true, TrialRow::validationAccuracy),
    TEST_LOSS("test_loss", "final test loss", false, TrialRow::testLoss),
    TEST_ACCURACY("test_accuracy", "final test accuracy", true, TrialRow::testAccuracy),
    BEST_VAL_LOSS("best_val_loss", "best validation loss", false, TrialRow::bestValidationLoss),
    BEST_VAL_ACCURACY("best_val_accuracy", "best validation accuracy", true, TrialRow::bestValidationAccuracy),
    WALL_S("wall_s", "wall time per trial (s)", false, TrialRow::wallSeconds),
    S_PER_EPOCH("s_per_epoch", "training time per epoch (s)", false, TrialRow::secondsPerEpoch);

    private final String column;
    private final String label;
    private final boolean higherIsBetter;
    private final ToDoubleFunction<TrialRow> extractor;

    Metric(String column, String label, boolean higherIsBetter, ToDoubleFunction<TrialRow> extractor) {
        this.column = column;
        this.label = label;
        this.higherIsBetter = higherIsBetter;
        this.extractor = extractor;
    }

    /** The column name in {@code trials.csv}, also the prefix of its columns in {@code summary.csv}. */
    public String column() {
        return column;
    }

    /** A human label, e.g. "final test accuracy". */
    public String label() {
        return label;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public boolean isAccuracy() {
        return this == VAL_ACCURACY || this == TEST_ACCURACY || this == BEST_VAL_ACCURACY;
    }

    public boolean isTime() {
        return this == WALL_S || this == S_PER_EPOCH;
    }

    public double of(TrialRow row) {
        return extractor.applyAsDouble(row);
    }
}
