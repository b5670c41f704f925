package org.optbench.reports.stats;

/**
 * Welch's unequal-variance two-sample t-test of the difference of means, {@code b − a}:
 * {@code t = (mean_b − mean_a) / √(s_a²/n_a + s_b²/n_b)} with Welch–Satterthwaite degrees of freedom
 * {@code ν = (s_a²/n_a + s_b²/n_b)² / ((s_a²/n_a)²/(n_a − 1) + (s_b²/n_b)²/(n_b − 1))} and the two-sided p-value
 * {@code P(|T_ν| ≥ |t|)}. Needs at least 2 values per side. When both samples have zero variance the test is
 * degenerate: p = 1 if the means are equal (e.g. a deterministic rerun), 0 otherwise.
 */
public record WelchTest(double difference, double t, double degreesOfFreedom, double pValue) {

    /** Tests {@code b} against {@code a}. */
    public static WelchTest of(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            throw new IllegalArgumentException("Welch's t-test needs at least 2 values per sample, got " + a.length
                    + " and " + b.length);
        }
        double meanA = Descriptive.mean(a);
        double meanB = Descriptive.mean(b);
        double va = Descriptive.variance(a) / a.length;
        double vb = Descriptive.variance(b) / b.length;
        double difference = meanB - meanA;
        double standardError = Math.sqrt(va + vb);
        if (standardError == 0) {
            return new WelchTest(difference, difference == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, difference),
                    Double.NaN, difference == 0 ? 1 : 0);
        }
        double t = difference / standardError;
        double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        return new WelchTest(difference, t, df, StudentT.twoSidedP(t, df));
    }
}
