package org.optbench.reports.compare;

import org.optbench.reports.Configuration;

/**
 * One line of the comparison: a metric of a configuration present in both runs.
 *
 * @param metric e.g. {@code test_accuracy}, {@code s_per_epoch (median)}, {@code failed trials}
 * @param baseline the baseline's mean (median for time, count for failures)
 * @param candidate the candidate's, likewise
 * @param difference candidate − baseline (for time: the ratio candidate / baseline)
 * @param pValue two-sided Welch p-value, Holm-adjusted over the comparison's tests; NaN where no test applies
 * @param note why no test applied, or another caveat; empty otherwise
 */
public record ComparisonRow(Configuration configuration, String label, String metric, int baselineN,
        int candidateN, double baseline, double candidate, double difference, double pValue, Verdict verdict,
        String note) {
}
