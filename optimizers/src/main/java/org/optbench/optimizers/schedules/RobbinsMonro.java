package org.optbench.optimizers.schedules;

import org.optbench.optimizers.Checks;

/**
 * The Robbins–Monro schedule ({@code robbins-monro}, Robbins and Monro 1951): {@code η_k = η_0 / (k + 1)}.
 * It satisfies Σ η_k = ∞ and Σ η_k² &lt; ∞, the classical conditions under which SGD on a strictly convex
 * problem with bounded gradient noise converges to the optimum instead of stalling at a noise floor.
 *
 * @param baseRate η_0, the optimizer's {@code lr}; finite and &gt; 0
 */
public record RobbinsMonro(double baseRate) implements Schedule {

    /** The user-facing name. */
    public static final String NAME = "robbins-monro";

    public RobbinsMonro {
        Checks.positive(NAME, "base rate", baseRate);
    }

    @Override
    public double rate(long k) {
        return baseRate / (k + 1.0);
    }
}
