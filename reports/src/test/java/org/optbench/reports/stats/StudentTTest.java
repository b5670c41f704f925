package org.optbench.reports.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StudentTTest {
    @Test
    void quantilesMatchPrintedTables() {
        // Two-sided 95% critical values from any t table, given to 6 decimals: tolerance 1e-6.
        assertEquals(12.706205, StudentT.quantile(0.975, 1), 1e-6);
        assertEquals(4.302653, StudentT.quantile(0.975, 2), 1e-6);
        assertEquals(3.182446, StudentT.quantile(0.975, 3), 1e-6);
        assertEquals(2.262157, StudentT.quantile(0.975, 9), 1e-6);
        assertEquals(2.042272, StudentT.quantile(0.975, 30), 1e-6);
        // 99% two-sided, df 4: 4.604095 (table).
        assertEquals(4.604095, StudentT.quantile(0.995, 4), 1e-6);
        assertEquals(-4.302653, StudentT.quantile(0.025, 2), 1e-6);
    }

    @Test
    void quantileOfNonIntegerDegreesOfFreedom() {
        // scipy.stats.t.ppf(0.9, 3.5) = 1.5765766051364052; bisection to 1e-15 relative, so 1e-9 is generous.
        assertEquals(1.5765766051364052, StudentT.quantile(0.9, 3.5), 1e-9);
    }

    @Test
    void cdfMatchesClosedFormsForOneAndTwoDegrees() {
        for (double t : new double[] {-7.5, -1, -0.2, 0, 0.3, 1, 2.5, 40}) {
            // df = 1 is the Cauchy distribution: F(t) = 1/2 + atan(t)/π.
            assertEquals(0.5 + Math.atan(t) / Math.PI, StudentT.cdf(t, 1), 1e-13, "df 1, t " + t);
            // df = 2: F(t) = 1/2 + t / (2 √(2 + t²)).
            assertEquals(0.5 + t / (2 * Math.sqrt(2 + t * t)), StudentT.cdf(t, 2), 1e-13, "df 2, t " + t);
        }
    }

    @Test
    void cdfMatchesReferenceValues() {
        // scipy.stats.t.cdf reference values, double precision; 1e-12 leaves room for the continued fraction.
        assertEquals(0.9490302605850708, StudentT.cdf(2.0, 5), 1e-12);
        assertEquals(0.6711510400651426, StudentT.cdf(0.5, 2.5), 1e-12);
        assertEquals(0.009490275511566748, StudentT.cdf(-3, 7.3), 1e-12);
        // A tiny two-sided p keeps its relative precision: 2 * t.sf(40, 3) = 3.4380680789158506e-05.
        assertEquals(3.4380680789158506e-05, StudentT.twoSidedP(40, 3), 1e-15);
    }

    @Test
    void logGammaMatchesKnownValues() {
        assertEquals(Math.log(24), StudentT.logGamma(5), 1e-13); // Γ(5) = 4! = 24
        assertEquals(0.5 * Math.log(Math.PI), StudentT.logGamma(0.5), 1e-13); // Γ(1/2) = √π
        assertEquals(13.48203678613836, StudentT.logGamma(10.3), 1e-12); // Python math.lgamma(10.3)
    }
}
