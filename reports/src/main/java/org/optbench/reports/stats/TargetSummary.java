package org.optbench.reports.stats;

import java.util.List;

import org.optbench.reports.TrialRow;

/**
 * Time and updates to the run's target for one configuration. Trials that never met the target are counted, not
 * dropped: they make the success rate {@code successes / trials} smaller, and the medians and quartiles (type 7)
 * are taken over the successful trials only, so read them together with the rate.
 */
public record TargetSummary(int trials, int successes, double secondsMedian, double secondsQ1, double secondsQ3,
        double stepsMedian, double stepsQ1, double stepsQ3) {

    public TargetSummary {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("target summary: need 0 <= successes <= trials, got " + successes
                    + " of " + trials);
        }
    }

    /** Summarizes the trials of one configuration; a trial succeeded iff its {@code steps_to_target} is ≥ 0. */
    public static TargetSummary of(List<TrialRow> rows) {
        List<TrialRow> successful = rows.stream().filter(row -> row.stepsToTarget() >= 0).toList();
        double[] seconds = successful.stream().mapToDouble(TrialRow::secondsToTarget).filter(Double::isFinite)
                .toArray();
        double[] steps = successful.stream().mapToDouble(TrialRow::stepsToTarget).toArray();
        return new TargetSummary(rows.size(), successful.size(), Descriptive.median(seconds),
                Descriptive.quantile(seconds, 0.25), Descriptive.quantile(seconds, 0.75), Descriptive.median(steps),
                Descriptive.quantile(steps, 0.25), Descriptive.quantile(steps, 0.75));
    }

    /** successes / trials; NaN without trials. */
    public double successRate() {
        return trials == 0 ? Double.NaN : (double) successes / trials;
    }
}
