package org.optbench.optimizers.schedules;

import org.optbench.optimizers.Checks;

/**
 * Linear decay ({@code linear-decay}): {@code η_k = (1 − k/τ) η_0 + (k/τ) η_τ} for {@code k ≤ τ}, then
 * {@code η_τ} (Goodfellow et al. 2016, section 8.3.1).
 *
 * <p>Defaults: {@code steps} τ = {@value #DEFAULT_STEPS}, {@code final} η_τ = {@value #DEFAULT_FINAL_RATE}
 * (the lecture notes give none; Goodfellow et al. suggest about 1% of η_0, which needs η_0, so 0 is the neutral default).
 *
 * @param baseRate η_0, the optimizer's {@code lr}; finite and &gt; 0
 * @param steps τ ({@code steps}), at least 1
 * @param finalRate η_τ ({@code final}), finite and &gt;= 0
 */
public record LinearDecay(double baseRate, long steps, double finalRate) implements Schedule {

    /** The user-facing name. */
    public static final String NAME = "linear-decay";
    /** Default {@code steps}. */
    public static final long DEFAULT_STEPS = 1000;
    /** Default {@code final}. */
    public static final double DEFAULT_FINAL_RATE = 0.0;

    public LinearDecay {
        Checks.positive(NAME, "base rate", baseRate);
        Checks.atLeast(NAME, "steps", 1, steps);
        Checks.nonNegative(NAME, "final", finalRate);
    }

    @Override
    public double rate(long k) {
        if (k >= steps) {
            return finalRate;
        }
        double fraction = (double) k / steps;
        return (1 - fraction) * baseRate + fraction * finalRate;
    }
}
