package org.optbench.optimizers.schedules;

import org.optbench.optimizers.Checks;

/**
 * Cosine decay ({@code cosine}, Loshchilov and Hutter 2017, without restarts):
 * {@code η_k = η_τ + ½ (η_0 − η_τ)(1 + cos(π k / τ))} for {@code k ≤ τ}, then {@code η_τ}.
 *
 * <p>Defaults: {@code steps} τ = {@value #DEFAULT_STEPS}, {@code final} η_τ = {@value #DEFAULT_FINAL_RATE}.
 *
 * @param baseRate η_0, the optimizer's {@code lr}; finite and &gt; 0
 * @param steps τ ({@code steps}), at least 1
 * @param finalRate η_τ ({@code final}), finite and &gt;= 0
 */
public record CosineDecay(double baseRate, long steps, double finalRate) implements Schedule {

    /** The user-facing name. */
    public static final String NAME = "cosine";
    /** Default {@code steps}. */
    public static final long DEFAULT_STEPS = 1000;
    /** Default {@code final}. */
    public static final double DEFAULT_FINAL_RATE = 0.0;

    public CosineDecay {
        Checks.positive(NAME, "base rate", baseRate);
        Checks.atLeast(NAME, "steps", 1, steps);
        Checks.nonNegative(NAME, "final", finalRate);
    }

    @Override
    public double rate(long k) {
        if (k >= steps) {
            return finalRate;
        }
        return finalRate + 0.5 * (baseRate - finalRate) * (1 + Math.cos(Math.PI * k / steps));
    }
}
