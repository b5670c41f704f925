package org.optbench.reports.stats;

import java.util.Arrays;

/**
 * One metric of one configuration over its seeds. Only finite values count (a failed trial has no final
 * metric); {@code n} says how many did. The interval is the two-sided 95% Student-t interval of the mean,
 * {@code mean ± t(0.975, n − 1) · std / √n}; std is the sample standard deviation (divisor n − 1); quartiles are
 * type 7 (see {@link Descriptive}). With n = 1, std and the interval are NaN; with n = 0 everything is.
 */
public record MetricSummary(int n, double mean, double std, double ciLow, double ciHigh, double median, double q1,
        double q3, double min, double max) {

    /** An empty summary (no finite value). */
    public static final MetricSummary EMPTY = of(new double[0]);

    public MetricSummary {
        if (n < 0) {
            throw new IllegalArgumentException("metric summary: n must be >= 0, got " + n);
        }
    }

    /** Summarizes the finite values among {@code values}. */
    public static MetricSummary of(double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
        double mean = Descriptive.mean(finite);
        double halfWidth = Descriptive.confidenceHalfWidth95(finite);
        return new MetricSummary(finite.length, mean, Descriptive.standardDeviation(finite), mean - halfWidth,
                mean + halfWidth, Descriptive.median(finite), Descriptive.quantile(finite, 0.25),
                Descriptive.quantile(finite, 0.75), finite.length == 0 ? Double.NaN : Arrays.stream(finite).min()
                        .getAsDouble(), finite.length == 0 ? Double.NaN : Arrays.stream(finite).max().getAsDouble());
    }

    /** Half-width of the 95% interval; NaN when n < 2. */
    public double ciHalfWidth() {
        return 0.5 * (ciHigh - ciLow);
    }
}
