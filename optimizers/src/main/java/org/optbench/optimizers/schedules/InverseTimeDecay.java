package org.optbench.optimizers.schedules;

import org.optbench.optimizers.Checks;

/**
 * Inverse-time decay ({@code inverse-time}): {@code η_k = η_0 / (1 + λ k)}.
 *
 * <p>Default: {@code decay} λ = {@value #DEFAULT_DECAY} (the lecture notes give none).
 *
 * @param baseRate η_0, the optimizer's {@code lr}; finite and &gt; 0
 * @param decay λ ({@code decay}), finite and &gt;= 0
 */
public record InverseTimeDecay(double baseRate, double decay) implements Schedule {

    /** The user-facing name. */
    public static final String NAME = "inverse-time";
    /** Default {@code decay}. */
    public static final double DEFAULT_DECAY = 1e-3;

    public InverseTimeDecay {
        Checks.positive(NAME, "base rate", baseRate);
        Checks.nonNegative(NAME, "decay", decay);
    }

    @Override
    public double rate(long k) {
        return baseRate / (1 + decay * k);
    }
}
