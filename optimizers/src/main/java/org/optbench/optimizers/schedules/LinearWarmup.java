package org.optbench.optimizers.schedules;

import org.optbench.optimizers.Checks;

/**
 * Linear warm-up ({@code warmup}, Goyal et al. 2017) in front of another schedule:
 * {@code η_k = after(0) · (k + 1) / (w + 1)} for {@code k < w}, then {@code after(k − w)}. The first update
 * thus gets a small non-zero rate, and the rate reaches the wrapped schedule's η_0 at update w.
 *
 * @param warmupSteps w ({@code warmup}), at least 1
 * @param after the schedule that takes over at index w, indexed from 0 there
 */
public record LinearWarmup(long warmupSteps, Schedule after) implements Schedule {

    /** The user-facing name. */
    public static final String NAME = "warmup";

    public LinearWarmup {
        Checks.atLeast(NAME, "warmup", 1, warmupSteps);
        if (after == null) {
            throw new IllegalArgumentException(NAME + ": the schedule after warm-up must be given");
        }
    }

    @Override
    public double rate(long k) {
        if (k < warmupSteps) {
            return after.rate(0) * (k + 1) / (warmupSteps + 1);
        }
        return after.rate(k - warmupSteps);
    }
}
