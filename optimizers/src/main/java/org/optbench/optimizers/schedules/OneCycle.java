package org.optbench.optimizers.schedules;

import org.optbench.optimizers.Checks;

/**
 * The one-cycle schedule ({@code one-cycle}, Smith and Topin 2019, as PyTorch's {@code OneCycleLR} with cosine
 * annealing and two phases). With T total updates, peak η_max (the optimizer's {@code lr}), p = pct·T − 1,
 * start rate η_max / d and final rate η_max / (d·f), and {@code cos(a, b, t) = b + (a − b)(1 + cos(π t)) / 2}:
 * <pre>
 *   η_k = cos(η_max / d, η_max, k / p)                         for k ≤ p
 *   η_k = cos(η_max, η_max / (d·f), (k − p) / (T − 1 − p))      for p &lt; k &lt; T − 1
 *   η_k = η_max / (d·f)                                          for k ≥ T − 1
 * </pre>
 *
 * <p>Defaults (PyTorch's): {@code pct} = {@value #DEFAULT_PCT}, {@code div} d = {@value #DEFAULT_DIV},
 * {@code final_div} f = {@value #DEFAULT_FINAL_DIV}.
 *
 * @param maxRate η_max, the optimizer's {@code lr}; finite and &gt; 0
 * @param totalSteps T, at least 2 (usually the run's length, {@code steps=auto})
 * @param pct the fraction of T spent rising, in (0, 1); p = pct·T − 1 must be at least 1 and below T − 1
 * @param div d, η_max over the start rate, &gt;= 1
 * @param finalDiv f, the start rate over the final rate, &gt;= 1
 */
public record OneCycle(double maxRate, long totalSteps, double pct, double div, double finalDiv) implements Schedule {

    /** The user-facing name. */
    public static final String NAME = "one-cycle";
    /** Default {@code pct}. */
    public static final double DEFAULT_PCT = 0.3;
    /** Default {@code div}. */
    public static final double DEFAULT_DIV = 25.0;
    /** Default {@code final_div}. */
    public static final double DEFAULT_FINAL_DIV = 1e4;

    public OneCycle {
        Checks.positive(NAME, "base rate", maxRate);
        Checks.atLeast(NAME, "steps", 2, totalSteps);
        Checks.inOpenZeroOne(NAME, "pct", pct);
        if (!(div >= 1) || Double.isInfinite(div)) {
            throw new IllegalArgumentException(NAME + ": div must be finite and >= 1, got " + div);
        }
        if (!(finalDiv >= 1) || Double.isInfinite(finalDiv)) {
            throw new IllegalArgumentException(NAME + ": final_div must be finite and >= 1, got " + finalDiv);
        }
        double peak = pct * totalSteps - 1;
        if (!(peak >= 1) || !(peak < totalSteps - 1)) {
            throw new IllegalArgumentException(NAME + ": pct · steps − 1 must be in [1, steps − 1), got " + peak
                    + " (pct " + pct + ", steps " + totalSteps + "); raise steps or pct");
        }
    }

    @Override
    public double rate(long k) {
        double peak = pct * totalSteps - 1;
        double start = maxRate / div;
        double end = start / finalDiv;
        if (k <= peak) {
            return anneal(start, maxRate, k / peak);
        }
        if (k >= totalSteps - 1) {
            return end;
        }
        return anneal(maxRate, end, (k - peak) / (totalSteps - 1 - peak));
    }

    /** From {@code from} at t = 0 to {@code to} at t = 1 along half a cosine. */
    private static double anneal(double from, double to, double t) {
        return to + (from - to) * (1 + Math.cos(Math.PI * t)) / 2;
    }
}
