package org.optbench.optimizers.schedules;

import java.util.Arrays;
import org.optbench.optimizers.Checks;

/**
 * Piecewise-constant rates ({@code piecewise}): {@code η_k = η_0} (the base rate) for {@code k < b_0}, and
 * {@code values[i]} for {@code b_i ≤ k < b_{i+1}}, the last value holding from the last boundary on.
 *
 * <p>The arrays are copied in and out, and {@code equals}, {@code hashCode} and {@code toString} compare the
 * contents, so the record is a true value.
 *
 * @param baseRate η_0, the optimizer's {@code lr}; finite and &gt; 0
 * @param boundaries the indices b_i where a new rate starts ({@code boundaries}): &gt;= 0, strictly increasing
 * @param values the rates from each boundary on ({@code values}): finite and &gt;= 0, as many as boundaries
 */
public record Piecewise(double baseRate, long[] boundaries, double[] values) implements Schedule {

    /** The user-facing name. */
    public static final String NAME = "piecewise";

    public Piecewise {
        Checks.positive(NAME, "base rate", baseRate);
        if (boundaries == null || values == null) {
            throw new IllegalArgumentException(NAME + ": boundaries and values must both be given");
        }
        boundaries = boundaries.clone();
        values = values.clone();
        if (boundaries.length != values.length) {
            throw new IllegalArgumentException(NAME + ": boundaries and values must have the same length, got "
                    + boundaries.length + " boundaries and " + values.length + " values");
        }
        for (int i = 0; i < boundaries.length; i++) {
            Checks.atLeast(NAME, "boundaries[" + i + "]", 0, boundaries[i]);
            if (i > 0 && boundaries[i] <= boundaries[i - 1]) {
                throw new IllegalArgumentException(NAME + ": boundaries must be strictly increasing, got "
                        + boundaries[i - 1] + " then " + boundaries[i]);
            }
            Checks.nonNegative(NAME, "values[" + i + "]", values[i]);
        }
    }

    @Override
    public long[] boundaries() {
        return boundaries.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public double rate(long k) {
        // Number of boundaries <= k; binarySearch returns (-(insertion point) - 1) when k is not a boundary.
        int found = Arrays.binarySearch(boundaries, k);
        int passed = found >= 0 ? found + 1 : -found - 1;
        return passed == 0 ? baseRate : values[passed - 1];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Piecewise that
                && Double.compare(baseRate, that.baseRate) == 0
                && Arrays.equals(boundaries, that.boundaries)
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(baseRate) + Arrays.hashCode(boundaries)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Piecewise[baseRate=" + baseRate + ", boundaries=" + Arrays.toString(boundaries)
                + ", values=" + Arrays.toString(values) + "]";
    }
}
