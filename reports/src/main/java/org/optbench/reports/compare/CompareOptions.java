package org.optbench.reports.compare;

/**
 * When {@link Comparison} calls a difference a regression. A final metric regresses only when the candidate is
 * worse by at least the minimum effect AND (with at least 2 seeds per side) Welch's test finds the difference
 * significant at {@code alpha}; the minimum effect keeps seed noise and tiny real changes from failing a nightly
 * build. Time regresses when the candidate's median seconds per epoch exceed the baseline's by more than
 * {@code maxTimeRatio}.
 *
 * @param alpha significance level of the two-sided Welch test, in (0, 1) (default 0.05)
 * @param minAccuracyDrop smallest absolute drop of an accuracy that counts, in [0, 1] (default 0.005, half a point)
 * @param minLossIncrease smallest relative rise of a loss that counts, ≥ 0 (default 0.05, 5% of the baseline mean)
 * @param maxTimeRatio largest acceptable candidate/baseline ratio of median seconds per epoch, ≥ 1 (default 1.25)
 */
public record CompareOptions(double alpha, double minAccuracyDrop, double minLossIncrease, double maxTimeRatio) {

    public CompareOptions {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("compare: --alpha must be in (0, 1), got " + alpha);
        }
        if (!(minAccuracyDrop >= 0 && minAccuracyDrop <= 1)) {
            throw new IllegalArgumentException("compare: --min-accuracy-drop must be in [0, 1], got "
                    + minAccuracyDrop);
        }
        if (!(minLossIncrease >= 0) || Double.isInfinite(minLossIncrease)) {
            throw new IllegalArgumentException("compare: --min-loss-increase must be a finite value >= 0, got "
                    + minLossIncrease);
        }
        if (!(maxTimeRatio >= 1) || Double.isInfinite(maxTimeRatio)) {
            throw new IllegalArgumentException("compare: --max-time-ratio must be a finite value >= 1, got "
                    + maxTimeRatio);
        }
    }

    /** alpha 0.05, accuracy drop 0.005, loss rise 5%, time ratio 1.25. */
    public static CompareOptions defaults() {
        return new CompareOptions(0.05, 0.005, 0.05, 1.25);
    }

    public CompareOptions withAlpha(double value) {
        return new CompareOptions(value, minAccuracyDrop, minLossIncrease, maxTimeRatio);
    }

    public CompareOptions withMinAccuracyDrop(double value) {
        return new CompareOptions(alpha, value, minLossIncrease, maxTimeRatio);
    }

    public CompareOptions withMinLossIncrease(double value) {
        return new CompareOptions(alpha, minAccuracyDrop, value, maxTimeRatio);
    }

    public CompareOptions withMaxTimeRatio(double value) {
        return new CompareOptions(alpha, minAccuracyDrop, minLossIncrease, value);
    }
}
