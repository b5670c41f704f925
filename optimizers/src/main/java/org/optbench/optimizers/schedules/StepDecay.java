package org.optbench.optimizers.schedules;

import org.optbench.optimizers.Checks;

/**
 * Step decay ({@code step}): {@code η_k = η_0 · γ^⌊k / s⌋}, the rate multiplied by γ every s updates (or
 * epochs).
 *
 * <p>Defaults: {@code gamma} γ = {@value #DEFAULT_GAMMA}, {@code every} s = {@value #DEFAULT_EVERY} (the lecture
 * notes give none; halving every 10 suits {@code unit=epoch}).
 *
 * @param baseRate η_0, the optimizer's {@code lr}; finite and &gt; 0
 * @param gamma γ ({@code gamma}), in (0, 1]
 * @param every s ({@code every}), at least 1
 */
public record StepDecay(double baseRate, double gamma, long every) implements Schedule {

    /** The user-facing name. */
    public static final String NAME = "step";
    /** Default {@code gamma}. */
    public static final double DEFAULT_GAMMA = 0.5;
    /** Default {@code every}. */
    public static final long DEFAULT_EVERY = 10;

    public StepDecay {
        Checks.positive(NAME, "base rate", baseRate);
        Checks.inOpenZeroOne(NAME, "gamma", gamma);
        Checks.atLeast(NAME, "every", 1, every);
    }

    @Override
    public double rate(long k) {
        return baseRate * Math.pow(gamma, (double) (k / every));
    }
}
