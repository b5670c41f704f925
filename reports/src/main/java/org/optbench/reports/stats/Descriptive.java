package org.optbench.reports.stats;

import java.util.Arrays;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * Sample statistics of plain arrays. Quantiles use linear interpolation between order statistics (Hyndman and
 * Fan type 7, the default of R and NumPy): for sorted {@code x[0..n-1]} and {@code h = (n − 1) p},
 * {@code Q(p) = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋])}.
 */
public final class Descriptive {
    private Descriptive() {
    }

    public static double mean(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    /** Sample standard deviation, divisor n − 1; NaN for fewer than 2 values. */
    public static double standardDeviation(double[] values) {
        if (values.length < 2) {
            return Double.NaN;
        }
        double mean = mean(values);
        double sum = 0;
        for (double value : values) {
            sum += (value - mean) * (value - mean);
        }
        return Math.sqrt(sum / (values.length - 1));
    }

    /** Sample variance, divisor n − 1; NaN for fewer than 2 values. */
    public static double variance(double[] values) {
        double deviation = standardDeviation(values);
        return deviation * deviation;
    }

    /** The type-7 quantile (see the class comment); NaN for no values. */
    public static double quantile(double[] values, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("quantile: p must be in [0, 1], got " + p);
        }
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double h = (sorted.length - 1) * p;
        int low = (int) Math.floor(h);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
    }

    public static double median(double[] values) {
        return quantile(values, 0.5);
    }

    /**
     * Half-width of the two-sided 95% Student-t interval of the mean: t(0.975, n − 1) · s / √n, with the t quantile of
     * Apache Commons Statistics; NaN for n < 2.
     */
    public static double confidenceHalfWidth95(double[] values) {
        if (values.length < 2) {
            return Double.NaN;
        }
        return TDistribution.of(values.length - 1).inverseCumulativeProbability(0.975) * standardDeviation(values)
                / Math.sqrt(values.length);
    }
}
