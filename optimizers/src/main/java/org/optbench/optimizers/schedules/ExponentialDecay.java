package org.optbench.optimizers.schedules;

import org.optbench.optimizers.Checks;

/**
 * Exponential decay ({@code exponential}): {@code η_k = η_0 · exp(−λ k)}.
 *
 * <p>Default: {@code decay} λ = {@value #DEFAULT_DECAY} (the lecture notes give none).
 *
 * @param baseRate η_0, the optimizer's {@code lr}; finite and &gt; 0
 * @param decay λ ({@code decay}), finite and &gt;= 0
 */
public record ExponentialDecay(double baseRate, double decay) implements Schedule {

    /** The user-facing name. */
    public static final String NAME = "exponential";
    /** Default {@code decay}. */
    public static final double DEFAULT_DECAY = 1e-3;

    public ExponentialDecay {
        Checks.positive(NAME, "base rate", baseRate);
        Checks.nonNegative(NAME, "decay", decay);
    }

    @Override
    public double rate(long k) {
        return baseRate * Math.exp(-decay * k);
    }
}
