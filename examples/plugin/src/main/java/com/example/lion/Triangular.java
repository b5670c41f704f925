package com.example.lion;

import org.optbench.optimizers.schedules.Schedule;

/**
 * The triangular cyclical schedule (Smith 2017, "Cyclical Learning Rates for Training Neural Networks"): the rate
 * climbs linearly from η_low = low·η_0 to η_0 over s updates and falls back over the next s, {@code cycles} times.
 * <pre>
 *   x = | k/s − 2⌊k/(2s)⌋ − 1 |,   η_k = η_low + (η_0 − η_low) · (1 − x)
 * </pre>
 * A pure function of k, as every schedule must be: s is fixed when the schedule is built.
 *
 * @param baseRate η_0, the optimizer's {@code lr} (the peak)
 * @param halfCycle s, updates from the low to the peak, &gt; 0
 * @param low η_low / η_0, in [0, 1]
 */
public record Triangular(double baseRate, double halfCycle, double low) implements Schedule {

    public Triangular {
        if (!(halfCycle > 0) || Double.isInfinite(halfCycle)) {
            throw new IllegalArgumentException("triangular: the half cycle must be > 0 updates, got " + halfCycle);
        }
        if (!(low >= 0 && low <= 1)) {
            throw new IllegalArgumentException("triangular: low must be in [0, 1], got " + low);
        }
    }

    @Override
    public double rate(long k) {
        double x = Math.abs(k / halfCycle - 2 * Math.floor(k / (2 * halfCycle)) - 1);
        double lowest = low * baseRate;
        return lowest + (baseRate - lowest) * (1 - x);
    }
}
