package org.optbench.reports.stats;

/**
 * Student's t distribution with {@code df} degrees of freedom (real, > 0), implemented here so the module needs
 * no statistics library.
 *
 * <p>CDF through the regularized incomplete beta function: for {@code x = df / (df + t²)},
 * {@code P(T ≤ t) = 1 − ½ I_x(df/2, ½)} when {@code t ≥ 0} and {@code ½ I_x(df/2, ½)} otherwise. {@code I_x} is
 * evaluated with the continued fraction of Numerical Recipes §6.4 (modified Lentz), {@code ln Γ} with the Lanczos
 * approximation (g = 7, 9 terms, relative error about 1e-15). The quantile inverts the CDF by bisection to
 * double precision, slow but exact enough for tables of a few hundred rows.
 */
public final class StudentT {
    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
        771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};

    private StudentT() {
    }

    /** P(T ≤ t). */
    public static double cdf(double t, double df) {
        checkDegrees(df);
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return t > 0 ? 1 : 0;
        }
        double tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /** The two-sided p-value of an observed statistic {@code t}: P(|T| ≥ |t|). */
    public static double twoSidedP(double t, double df) {
        checkDegrees(df);
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return 0;
        }
        // Computed from the tail directly: 1 - cdf would lose the digits of a tiny p.
        return Math.min(1, regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5));
    }

    /** The {@code p}-quantile, e.g. {@code quantile(0.975, 9) = 2.262157}. */
    public static double quantile(double p, double df) {
        checkDegrees(df);
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("t quantile: p must be in (0, 1), got " + p);
        }
        if (p == 0.5) {
            return 0;
        }
        if (p < 0.5) {
            return -quantile(1 - p, df);
        }
        double low = 0;
        double high = 1;
        while (cdf(high, df) < p) {
            low = high;
            high *= 2;
        }
        for (int i = 0; i < 200 && high - low > 1e-15 * high; i++) {
            double middle = 0.5 * (low + high);
            if (cdf(middle, df) < p) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return 0.5 * (low + high);
    }

    /** ln Γ(x) for x > 0 (Lanczos, with the reflection formula below ½). */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        double base = z + 7.5;
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(base) - base + Math.log(sum);
    }

    /** I_x(a, b), the regularized incomplete beta function, for x in [0, 1] and a, b > 0. */
    static double regularizedIncompleteBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x)
                + b * Math.log1p(-x));
        // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
        if (x < (a + 1) / (a + b + 2)) {
            return front * betaContinuedFraction(x, a, b) / a;
        }
        return 1 - front * betaContinuedFraction(1 - x, b, a) / b;
    }

    private static double betaContinuedFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        d = Math.abs(d) < tiny ? tiny : d;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= 10_000; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return h;
    }

    private static void checkDegrees(double df) {
        if (!(df > 0) || Double.isInfinite(df)) {
            throw new IllegalArgumentException("t distribution: degrees of freedom must be finite and > 0, got " + df);
        }
    }
}
