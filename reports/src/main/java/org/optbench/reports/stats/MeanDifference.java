package org.optbench.reports.stats;

import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.TTest;

/**
 * The difference of a metric's mean between a baseline and a candidate sample, {@code Δ = mean(candidate) −
 * mean(baseline)}, with a one-sided t-test in the harmful direction, the two-sided 95% confidence interval of Δ and
 * the smallest Δ the samples could detect. The tests and the t distribution are Apache Commons Statistics'.
 *
 * <ul>
 *   <li><b>Paired</b> (the samples are the same seeds, {@code candidate[i]} and {@code baseline[i]} of one seed):
 *       the paired t-test on the differences {@code dᵢ = candidateᵢ − baselineᵢ}, {@code SE = s_d / √n},
 *       {@code ν = n − 1};</li>
 *   <li><b>Unpaired</b>: Welch's t-test, {@code SE = √(s_a²/n_a + s_b²/n_b)}, Welch–Satterthwaite {@code ν}.</li>
 * </ul>
 *
 * <p>The p-value is one-sided: {@code H₁: Δ < 0} when higher is better (a drop harms), {@code H₁: Δ > 0} otherwise.
 * The interval is {@code Δ ± t(0.975, ν) · SE}. The minimum detectable effect at 80% power is
 * {@code (t(1 − α, ν) + t(0.8, ν)) · SE}, the usual normal-shift approximation of the noncentral t power with the
 * observed SE: a true change of that size is caught about 4 times in 5.
 *
 * <p>Degenerate samples get no p-value (never p = 0): fewer than {@link #MINIMUM_SEEDS} values (or pairs) per side
 * are {@link Degenerate#TOO_FEW_SEEDS}; an {@code SE} that is zero or below {@code 1e-12} of the means' magnitude
 * (deterministic repeats, or accuracies tied on every seed) is {@link Degenerate#NO_SPREAD}: there the data say
 * Δ exactly and the caller judges it by its minimum effect alone.
 *
 * @param pValue one-sided p-value in the harmful direction, in (0, 1]; NaN when degenerate
 * @param ciLow lower end of the 95% interval of Δ; NaN when degenerate
 * @param minimumDetectable the smallest |Δ| detectable at 80% power and the given alpha; NaN when degenerate
 */
public record MeanDifference(Design design, int n, double difference, double ciLow, double ciHigh, double pValue,
        double minimumDetectable, Degenerate degenerate) {

    /** Fewer seeds than this per side (or pairs) make a comparison not significant by construction. */
    public static final int MINIMUM_SEEDS = 3;
    /** {@code SE} below this fraction of the means' magnitude counts as no spread. */
    static final double NO_SPREAD = 1e-12;

    /** Which test was used. */
    public enum Design {
        PAIRED("paired t"), UNPAIRED("Welch t");

        private final String text;

        Design(String text) {
            this.text = text;
        }

        /** As printed: {@code paired t} or {@code Welch t}. */
        public String text() {
            return text;
        }
    }

    /** Why no test was made. */
    public enum Degenerate {
        /** A test was made. */
        NONE,
        /** Fewer than {@link #MINIMUM_SEEDS} values or pairs: no test. */
        TOO_FEW_SEEDS,
        /** No spread between seeds: Δ is exact, judge it by the minimum effect. */
        NO_SPREAD
    }

    /**
     * The paired comparison of {@code baseline[i]} and {@code candidate[i]}, the same seed's values.
     *
     * @param higherIsBetter whether a drop of the metric harms (accuracy) or a rise does (loss)
     * @param alpha one-sided level used for the minimum detectable effect, in (0, 1)
     */
    public static MeanDifference paired(double[] baseline, double[] candidate, boolean higherIsBetter,
            double alpha) {
        if (baseline.length != candidate.length) {
            throw new IllegalArgumentException("paired comparison: " + baseline.length + " baseline values but "
                    + candidate.length + " candidate values");
        }
        int n = baseline.length;
        double[] differences = new double[n];
        for (int i = 0; i < n; i++) {
            differences[i] = candidate[i] - baseline[i];
        }
        double difference = Descriptive.mean(differences);
        if (n < MINIMUM_SEEDS) {
            return degenerate(Design.PAIRED, n, difference, Degenerate.TOO_FEW_SEEDS);
        }
        double standardError = Descriptive.standardDeviation(differences) / Math.sqrt(n);
        if (noSpread(standardError, baseline, candidate)) {
            return degenerate(Design.PAIRED, n, difference, Degenerate.NO_SPREAD);
        }
        double p = TTest.withDefaults().with(harmful(higherIsBetter)).pairedTest(candidate, baseline).getPValue();
        return tested(Design.PAIRED, n, difference, standardError, n - 1, p, alpha);
    }

    /** The unpaired (Welch) comparison; arguments as for {@link #paired}. */
    public static MeanDifference unpaired(double[] baseline, double[] candidate, boolean higherIsBetter,
            double alpha) {
        int n = Math.min(baseline.length, candidate.length);
        double difference = Descriptive.mean(candidate) - Descriptive.mean(baseline);
        if (n < MINIMUM_SEEDS) {
            return degenerate(Design.UNPAIRED, n, difference, Degenerate.TOO_FEW_SEEDS);
        }
        double standardError = Math.sqrt(Descriptive.variance(baseline) / baseline.length
                + Descriptive.variance(candidate) / candidate.length);
        if (noSpread(standardError, baseline, candidate)) {
            return degenerate(Design.UNPAIRED, n, difference, Degenerate.NO_SPREAD);
        }
        TTest.Result result = TTest.withDefaults().with(DataDispersion.HETEROSCEDASTIC).with(harmful(higherIsBetter))
                .test(candidate, baseline);
        return tested(Design.UNPAIRED, n, difference, standardError, result.getDegreesOfFreedom(),
                result.getPValue(), alpha);
    }

    /** Whether the test was made (not degenerate). */
    public boolean tested() {
        return degenerate == Degenerate.NONE;
    }

    private static MeanDifference tested(Design design, int n, double difference, double standardError,
            double degreesOfFreedom, double p, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        TDistribution t = TDistribution.of(degreesOfFreedom);
        double halfWidth = t.inverseCumulativeProbability(0.975) * standardError;
        double detectable = (t.inverseCumulativeProbability(1 - alpha) + t.inverseCumulativeProbability(0.8))
                * standardError;
        return new MeanDifference(design, n, difference, difference - halfWidth, difference + halfWidth, p,
                detectable, Degenerate.NONE);
    }

    private static MeanDifference degenerate(Design design, int n, double difference, Degenerate why) {
        return new MeanDifference(design, n, difference, Double.NaN, Double.NaN, Double.NaN, Double.NaN, why);
    }

    private static boolean noSpread(double standardError, double[] baseline, double[] candidate) {
        double scale = Math.max(Math.abs(Descriptive.mean(baseline)), Math.abs(Descriptive.mean(candidate)));
        return !(standardError > NO_SPREAD * scale) || !(standardError > Double.MIN_NORMAL);
    }

    private static AlternativeHypothesis harmful(boolean higherIsBetter) {
        // The tests are of candidate − baseline: a drop harms an accuracy, a rise harms a loss.
        return higherIsBetter ? AlternativeHypothesis.LESS_THAN : AlternativeHypothesis.GREATER_THAN;
    }
}
