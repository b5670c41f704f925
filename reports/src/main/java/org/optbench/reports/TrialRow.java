package org.optbench.reports;

import java.io.Serializable;

/**
 * One finished trial: a row of {@code trials.csv}. Final metrics are those of the returned parameters (the best
 * ones when early stopping restored them); metrics that do not apply are NaN and written as empty cells.
 *
 * @param trial the trial's id, unique in the run and stable across {@code --resume}
 * @param seed the trial seed (initial weights, batch order, dropout masks, gradient noise); in the default paired
 *     design every configuration of the same data set, model and repeat shares it
 * @param dataSeed the data seed (which data set draw, validation split and training subset the trial saw)
 * @param repeat 0-based repeat index within the configuration
 * @param epochsRun epochs completed (0 for analytic functions)
 * @param bestEpoch the epoch with the best validation metric, -1 when there is none
 * @param steps updates done
 * @param bestValidationLoss lowest validation loss seen at any evaluation
 * @param bestValidationAccuracy highest validation accuracy seen at any evaluation
 * @param wallSeconds the trial's wall-clock time, evaluation included
 * @param secondsPerEpoch mean training time per epoch, evaluation excluded (NaN for analytic functions)
 * @param secondsToTarget training seconds until the target was first met, NaN if never
 * @param stepsToTarget updates until the target was first met, -1 if never
 * @param message why the trial diverged, stopped or failed; empty when {@code ok}
 * @param phase {@code tune} or {@code final} in a tuned experiment (docs/harness.md, "Tuning"), empty otherwise
 */
public record TrialRow(int trial, Configuration configuration, long seed, long dataSeed, int repeat, TrialStatus status, int epochsRun,
        int bestEpoch, long steps, double trainLoss, double validationLoss, double validationAccuracy, double testLoss,
        double testAccuracy, double bestValidationLoss, double bestValidationAccuracy, double wallSeconds,
        double secondsPerEpoch, double secondsToTarget, long stepsToTarget, String message, String phase) implements Serializable {

    /** A row of a plain (untuned) run: no phase. */
    public TrialRow(int trial, Configuration configuration, long seed, long dataSeed, int repeat, TrialStatus status,
            int epochsRun, int bestEpoch, long steps, double trainLoss, double validationLoss, double validationAccuracy,
            double testLoss, double testAccuracy, double bestValidationLoss, double bestValidationAccuracy,
            double wallSeconds, double secondsPerEpoch, double secondsToTarget, long stepsToTarget, String message) {
        this(trial, configuration, seed, dataSeed, repeat, status, epochsRun, bestEpoch, steps, trainLoss, validationLoss,
                validationAccuracy, testLoss, testAccuracy, bestValidationLoss, bestValidationAccuracy, wallSeconds,
                secondsPerEpoch, secondsToTarget, stepsToTarget, message, "");
    }

    /** The same row in another phase. */
    public TrialRow withPhase(String newPhase) {
        return new TrialRow(trial, configuration, seed, dataSeed, repeat, status, epochsRun, bestEpoch, steps, trainLoss,
                validationLoss, validationAccuracy, testLoss, testAccuracy, bestValidationLoss, bestValidationAccuracy,
                wallSeconds, secondsPerEpoch, secondsToTarget, stepsToTarget, message, newPhase);
    }
}
