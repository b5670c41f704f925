package org.optbench.reports.stats;

import java.util.Arrays;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * Training time of a candidate against a baseline, judged as time: on the log scale, where a slowdown is a ratio,
 * with a rank test that one slow trial (a cold JIT, a busy machine) cannot dominate. The effect is the ratio of
 * median seconds per epoch, {@code median(candidate) / median(baseline)}; the p-value is the one-sided
 * Mann–Whitney U test (Apache Commons Statistics; exact without ties, else the normal approximation) that the
 * candidate's {@code log s_per_epoch} is stochastically greater than the baseline's. Ranks of logs are ranks of the
 * times, so the log only matters for the effect, which is read as a ratio.
 *
 * <p>With {@code n_a} and {@code n_b} trials the smallest p-value the exact test can give is
 * {@code 1 / C(n_a + n_b, n_a)}: 0.05 for 3 against 3, 0.0040 for 5 against 5. When that is not below the level,
 * no slowdown can be shown, and the comparison says so rather than guessing.
 *
 * @param ratio candidate median over baseline median
 * @param pValue one-sided p-value (candidate slower); NaN when a side has no time
 * @param smallestPossibleP {@code 1 / C(n_a + n_b, n_a)}
 */
public record TimeRatio(int baselineN, int candidateN, double baselineMedian, double candidateMedian, double ratio,
        double pValue, double smallestPossibleP) {

    /** Compares positive finite seconds per epoch; other values are ignored. */
    public static TimeRatio of(double[] baseline, double[] candidate) {
        double[] a = logs(baseline);
        double[] b = logs(candidate);
        double medianA = Descriptive.median(positive(baseline));
        double medianB = Descriptive.median(positive(candidate));
        double p = a.length == 0 || b.length == 0 ? Double.NaN
                : MannWhitneyUTest.withDefaults().with(AlternativeHypothesis.GREATER_THAN).test(b, a).getPValue();
        return new TimeRatio(a.length, b.length, medianA, medianB, medianB / medianA, p,
                1 / binomial(a.length + b.length, a.length));
    }

    /** C(n, k) as a double (exact for the small counts of a run's trials). */
    static double binomial(int n, int k) {
        double result = 1;
        for (int i = 1; i <= k; i++) {
            result = result * (n - k + i) / i;
        }
        return result;
    }

    private static double[] positive(double[] values) {
        return Arrays.stream(values).filter(value -> value > 0 && Double.isFinite(value)).toArray();
    }

    private static double[] logs(double[] values) {
        return Arrays.stream(positive(values)).map(Math::log).toArray();
    }
}
