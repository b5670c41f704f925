package org.optbench.reports.compare;

/**
 * When {@link Comparison} calls a difference a regression, and which gaps it forgives.
 *
 * <p>A primary metric regresses when the candidate is worse by at least the minimum effect AND the one-sided test
 * (paired t on per-seed differences when the runs share trial seeds, else Welch) is significant at {@code alpha}
 * after Holm's adjustment over the comparison's primary tests. Time regresses when the median seconds per epoch
 * grew by at least {@code minTimeRatio} AND the one-sided Mann–Whitney test on the trials' times is significant at
 * {@code alpha} after Holm's adjustment over the time tests.
 *
 * @param alpha significance level of the one-sided tests, in (0, 1) (default 0.05)
 * @param minAccuracyDrop smallest absolute drop of an accuracy that counts, in [0, 1] (default 0.005, half a point)
 * @param minLossIncrease smallest relative rise of a loss that counts, ≥ 0 (default 0.05, 5% of the baseline mean)
 * @param minTimeRatio smallest candidate/baseline ratio of median seconds per epoch that counts, ≥ 1 (default 1.25)
 * @param time what a time regression does to the exit code (default {@link TimeMode#FAIL}: exit 4)
 * @param allowMissing whether configurations (for tuned studies: optimizer families) or trials missing from the
 *     candidate are forgiven (default false)
 * @param allowDifferentData whether runs whose trials drew different data (data seeds) may be compared
 * @param allowDifferentSettings whether runs whose experiment settings differ (for tuned studies also the tuning
 *     block: method, budget, seeds, search spaces) may be compared
 */
public record CompareOptions(double alpha, double minAccuracyDrop, double minLossIncrease, double minTimeRatio,
        TimeMode time, boolean allowMissing, boolean allowDifferentData, boolean allowDifferentSettings) {

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
        if (!(minTimeRatio >= 1) || Double.isInfinite(minTimeRatio)) {
            throw new IllegalArgumentException("compare: --min-time-ratio must be a finite value >= 1, got "
                    + minTimeRatio);
        }
        if (time == null) {
            throw new IllegalArgumentException("compare: --time must be fail or warn");
        }
    }

    /** alpha 0.05, accuracy drop 0.005, loss rise 5%, time ratio 1.25, time fails (exit 4), no gap forgiven. */
    public static CompareOptions defaults() {
        return new CompareOptions(0.05, 0.005, 0.05, 1.25, TimeMode.FAIL, false, false, false);
    }

    public CompareOptions withAlpha(double value) {
        return new CompareOptions(value, minAccuracyDrop, minLossIncrease, minTimeRatio, time, allowMissing,
                allowDifferentData, allowDifferentSettings);
    }

    public CompareOptions withMinAccuracyDrop(double value) {
        return new CompareOptions(alpha, value, minLossIncrease, minTimeRatio, time, allowMissing,
                allowDifferentData, allowDifferentSettings);
    }

    public CompareOptions withMinLossIncrease(double value) {
        return new CompareOptions(alpha, minAccuracyDrop, value, minTimeRatio, time, allowMissing,
                allowDifferentData, allowDifferentSettings);
    }

    public CompareOptions withMinTimeRatio(double value) {
        return new CompareOptions(alpha, minAccuracyDrop, minLossIncrease, value, time, allowMissing,
                allowDifferentData, allowDifferentSettings);
    }

    public CompareOptions withTime(TimeMode value) {
        return new CompareOptions(alpha, minAccuracyDrop, minLossIncrease, minTimeRatio, value, allowMissing,
                allowDifferentData, allowDifferentSettings);
    }

    public CompareOptions withAllowMissing(boolean value) {
        return new CompareOptions(alpha, minAccuracyDrop, minLossIncrease, minTimeRatio, time, value,
                allowDifferentData, allowDifferentSettings);
    }

    public CompareOptions withAllowDifferentData(boolean value) {
        return new CompareOptions(alpha, minAccuracyDrop, minLossIncrease, minTimeRatio, time, allowMissing, value,
                allowDifferentSettings);
    }

    public CompareOptions withAllowDifferentSettings(boolean value) {
        return new CompareOptions(alpha, minAccuracyDrop, minLossIncrease, minTimeRatio, time, allowMissing,
                allowDifferentData, value);
    }
}
