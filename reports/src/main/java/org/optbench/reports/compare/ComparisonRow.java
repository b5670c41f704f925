package org.optbench.reports.compare;

import org.optbench.reports.Configuration;

/**
 * One line of the comparison: a metric, the time or the trial count of a configuration.
 *
 * @param kind what the row checks; a failing row's kind says which exit code it gives
 * @param metric e.g. {@code test_accuracy}, {@code s_per_epoch (median)}, {@code trials}
 * @param baseline the baseline's mean over its usable trials (median for time, a count for trials)
 * @param candidate the candidate's, likewise
 * @param difference candidate − baseline (paired: the mean per-seed difference); for time the ratio
 *     candidate / baseline
 * @param ciLow lower end of the 95% interval of the difference; NaN where there is none
 * @param ciHigh upper end, likewise
 * @param minimumDetectable the smallest difference this comparison could detect at 80% power; NaN where none
 * @param test the test used ({@code paired t}, {@code Welch t}, {@code Mann–Whitney}), empty when none
 * @param pValue one-sided p-value in the harmful direction, Holm-adjusted within its kind; NaN where no test
 * @param note why no test applied, or another caveat; empty otherwise
 */
public record ComparisonRow(Configuration configuration, String label, Kind kind, String metric, int baselineN,
        int candidateN, double baseline, double candidate, double difference, double ciLow, double ciHigh,
        double minimumDetectable, String test, double pValue, Verdict verdict, String note) {

    /** What a row checks. */
    public enum Kind {
        /** A final metric (only the primary one is tested). */
        METRIC("metric"),
        /** Seconds per epoch. */
        TIME("time"),
        /** Trial counts: missing trials or configurations, failed or diverged trials. */
        TRIALS("trials");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** As in the failed-checks file and the nightly history: {@code metric}, {@code time}, {@code trials}. */
        public String key() {
            return key;
        }
    }

    /** This row with another p-value, verdict and note. */
    ComparisonRow with(double p, Verdict newVerdict, String newNote) {
        return new ComparisonRow(configuration, label, kind, metric, baselineN, candidateN, baseline, candidate,
                difference, ciLow, ciHigh, minimumDetectable, test, p, newVerdict, newNote);
    }

    /** Whether this row fails the comparison (exit 1 or 3, see {@link ComparisonResult#exitCode()}). */
    public boolean failed() {
        return verdict == Verdict.REGRESSION || verdict == Verdict.MISSING || verdict == Verdict.TIME_REGRESSION;
    }
}
