package org.optbench.reports;

import java.io.Serializable;

/**
 * One evaluation of one trial: a row of {@code curves.csv}. Metrics that do not apply (accuracy on a regression
 * problem, validation metrics on an analytic function) are NaN and written as empty cells.
 *
 * @param trial the trial's id, unique in the run
 * @param epoch completed epochs at this evaluation (0 = before training); 0 for analytic functions
 * @param step updates done at this evaluation
 * @param learningRate the rate of the last update (of the first, at step 0)
 * @param elapsedSeconds wall-clock seconds of training since the trial started, evaluation excluded
 * @param phase {@code tune} or {@code final} in a tuned experiment, empty otherwise (as in {@link TrialRow})
 */
public record CurveRow(int trial, Configuration configuration, long seed, int repeat, int epoch, long step,
        double learningRate, double trainLoss, double validationLoss, double validationAccuracy, double testLoss,
        double testAccuracy, double elapsedSeconds, String phase) implements Serializable {

    /** A row of a plain (untuned) run: no phase. */
    public CurveRow(int trial, Configuration configuration, long seed, int repeat, int epoch, long step,
            double learningRate, double trainLoss, double validationLoss, double validationAccuracy, double testLoss,
            double testAccuracy, double elapsedSeconds) {
        this(trial, configuration, seed, repeat, epoch, step, learningRate, trainLoss, validationLoss, validationAccuracy,
                testLoss, testAccuracy, elapsedSeconds, "");
    }

    /** The same row in another phase. */
    public CurveRow withPhase(String newPhase) {
        return new CurveRow(trial, configuration, seed, repeat, epoch, step, learningRate, trainLoss, validationLoss,
                validationAccuracy, testLoss, testAccuracy, elapsedSeconds, newPhase);
    }
}
