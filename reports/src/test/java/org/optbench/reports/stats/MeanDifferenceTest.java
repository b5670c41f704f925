package org.optbench.reports.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The tests behind compare, against SciPy 1.x values (stated per case) and hand-computed degenerate cases. */
class MeanDifferenceTest {

    @Test
    void pairedTestOfPerSeedDifferencesMatchesScipy() {
        // differences -0.01, -0.005, -0.02, -0.005, -0.01: mean -0.01, s_d = 0.0061237, SE = 0.0027386.
        // scipy.stats.ttest_rel(c, b, alternative='less').pvalue = 0.010871489232618315;
        // interval -0.01 ± t.ppf(0.975, 4) · SE; detectable (t.ppf(0.95, 4) + t.ppf(0.8, 4)) · SE.
        double[] baseline = {0.90, 0.91, 0.92, 0.93, 0.95};
        double[] candidate = {0.89, 0.905, 0.90, 0.925, 0.94};
        MeanDifference result = MeanDifference.paired(baseline, candidate, true, 0.05);
        assertEquals(MeanDifference.Design.PAIRED, result.design());
        assertEquals(5, result.n());
        assertEquals(-0.010000000000000009, result.difference(), 1e-15);
        assertEquals(0.010871489232618315, result.pValue(), 1e-12);
        assertEquals(-0.017603608068958193, result.ciLow(), 1e-12);
        assertEquals(-0.0023963919310418256, result.ciHigh(), 1e-12);
        assertEquals(0.00841524049390512, result.minimumDetectable(), 1e-12);
        // The other direction is not harmful for an accuracy: the one-sided p is the complement.
        MeanDifference gain = MeanDifference.paired(candidate, baseline, true, 0.05);
        assertEquals(1 - 0.010871489232618315, gain.pValue(), 1e-12);
    }

    @Test
    void welchTestMatchesScipyOneSided() {
        // a = 1..5, b = 2,4,..,10, a loss (a rise harms): scipy.stats.ttest_ind(b, a, equal_var=False,
        // alternative='greater') gives p = 0.05376559746531364 with ν = 5.882352941176471 (= 6.25 / 1.0625).
        MeanDifference result = MeanDifference.unpaired(new double[] {1, 2, 3, 4, 5}, new double[] {2, 4, 6, 8, 10},
                false, 0.05);
        assertEquals(MeanDifference.Design.UNPAIRED, result.design());
        assertEquals(3, result.difference(), 1e-15);
        assertEquals(0.05376559746531364, result.pValue(), 1e-12);
        assertEquals(-0.887741643736975, result.ciLow(), 1e-11); // 3 − t.ppf(0.975, ν) · √2.5
        assertEquals(4.517684002718749, result.minimumDetectable(), 1e-11);
    }

    @Test
    void fewerThanThreeSeedsGiveNoTest() {
        MeanDifference one = MeanDifference.unpaired(new double[] {0.9}, new double[] {0.8}, true, 0.05);
        assertEquals(MeanDifference.Degenerate.TOO_FEW_SEEDS, one.degenerate());
        assertTrue(Double.isNaN(one.pValue()));
        assertEquals(-0.1, one.difference(), 1e-15);
        MeanDifference two = MeanDifference.paired(new double[] {0.9, 0.91}, new double[] {0.8, 0.82}, true, 0.05);
        assertEquals(MeanDifference.Degenerate.TOO_FEW_SEEDS, two.degenerate());
        assertFalse(two.tested());
    }

    @Test
    void tiedDiscreteAccuraciesHaveNoSpreadAndNoPValue() {
        // 200 test images: accuracy moves in steps of 0.005. Three seeds tied at 0.905 against three at 0.895 once
        // gave p = 9e-28; no spread means no test, the difference is exact and judged by the minimum effect.
        double[] baseline = {0.905, 0.905, 0.905};
        double[] candidate = {0.895, 0.895, 0.895};
        for (MeanDifference result : new MeanDifference[] {MeanDifference.unpaired(baseline, candidate, true, 0.05),
            MeanDifference.paired(baseline, candidate, true, 0.05)}) {
            assertEquals(MeanDifference.Degenerate.NO_SPREAD, result.degenerate());
            assertTrue(Double.isNaN(result.pValue()));
            assertEquals(-0.01, result.difference(), 1e-15);
        }
    }

    @Test
    void deterministicRepeatsWithRoundingNoiseHaveNoSpread() {
        // Rosenbrock with lr × 1.000001: every repeat gives the same loss up to the last bits.
        double[] baseline = {1.2345678e-3, 1.2345678e-3 * (1 + 1e-16), 1.2345678e-3};
        double[] candidate = {1.2345690e-3, 1.2345690e-3, 1.2345690e-3 * (1 - 1e-16)};
        MeanDifference result = MeanDifference.unpaired(baseline, candidate, false, 0.05);
        assertEquals(MeanDifference.Degenerate.NO_SPREAD, result.degenerate());
        assertTrue(Double.isNaN(result.pValue()));
        MeanDifference zero = MeanDifference.paired(new double[] {0, 0, 0}, new double[] {0, 0, 0}, false, 0.05);
        assertEquals(MeanDifference.Degenerate.NO_SPREAD, zero.degenerate());
        assertEquals(0, zero.difference());
    }

    @Test
    void aHugeButFiniteStatisticNeverGivesPZero() {
        // Spread just above the no-spread floor: t ≈ 1e11, yet the p-value stays a positive number.
        double[] baseline = {1, 1 + 2e-11, 1 - 2e-11};
        double[] candidate = {2, 2 + 2e-11, 2 - 2e-11};
        MeanDifference result = MeanDifference.unpaired(baseline, candidate, false, 0.05);
        assertTrue(result.tested());
        assertTrue(result.pValue() > 0 && result.pValue() < 1e-10, "p = " + result.pValue());
    }

    @Test
    void summaryIntervalUsesTheLibraryQuantile() {
        // t(0.975, 2) = 4.302652729 (tables); values 1, 2, 3: s = 1, half-width 4.302652729 / √3.
        assertEquals(4.302652729 / Math.sqrt(3), Descriptive.confidenceHalfWidth95(new double[] {1, 2, 3}), 1e-9);
        // t(0.975, 9) = 2.262157163
        double[] ten = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(2.262157163 * Descriptive.standardDeviation(ten) / Math.sqrt(10),
                Descriptive.confidenceHalfWidth95(ten), 1e-8);
    }

    @Test
    void timeRatioUsesTheExactMannWhitneyTest() {
        // scipy.stats.mannwhitneyu(log b, log a, alternative='greater', method='exact'): all five candidate times
        // above all five baseline times gives 1 / C(10, 5) = 1/252 = 0.003968253968253968.
        TimeRatio slower = TimeRatio.of(new double[] {2.0, 2.1, 1.9, 2.05, 1.95},
                new double[] {2.6, 2.4, 2.5, 2.7, 2.45});
        assertEquals(1.0 / 252, slower.pValue(), 1e-15);
        assertEquals(1.0 / 252, slower.smallestPossibleP(), 1e-15);
        assertEquals(2.5 / 2.0, slower.ratio(), 1e-15);
        TimeRatio mixed = TimeRatio.of(new double[] {2.0, 2.1, 1.9, 2.05, 1.95},
                new double[] {2.0, 2.5, 1.8, 2.7, 2.2});
        // A tie (2.0 in both): the normal approximation with continuity correction, as
        // scipy.stats.mannwhitneyu(..., method='asymptotic', use_continuity=True) = 0.1728709129303635.
        assertEquals(0.1728709129303635, mixed.pValue(), 1e-12);
        // 3 against 3 can never go below 1 / C(6, 3) = 0.05
        assertEquals(0.05, TimeRatio.of(new double[] {1, 1.1, 1.2}, new double[] {2, 2.1, 2.2}).smallestPossibleP(),
                1e-15);
    }
}
