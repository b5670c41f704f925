package org.optbench.optimizers.schedules;

import org.optbench.optimizers.Checks;

/**
 * The constant schedule ({@code constant}): {@code η_k = η_0}.
 *
 * @param baseRate η_0, the optimizer's {@code lr}; finite and &gt; 0
 */
public record ConstantRate(double baseRate) implements Schedule {

    /** The user-facing name. */
    public static final String NAME = "constant";

    public ConstantRate {
        Checks.positive(NAME, "base rate", baseRate);
    }

    @Override
    public double rate(long k) {
        return baseRate;
    }
}
