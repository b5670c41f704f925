package org.optbench.optimizers;

/**
 * Argument checks shared by every configuration record of the optimizer library. Each throws an
 * {@link IllegalArgumentException} whose message names the component, the user-facing key, the allowed range
 * and the value, in the house style {@code adam: beta2 must be in [0, 1), got 1.5}.
 */
public final class Checks {

    private Checks() {
    }

    /** Requires a finite {@code value > 0}. */
    public static void positive(String component, String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw fail(component, key, "a finite number > 0", value);
        }
    }

    /** Requires a finite {@code value >= 0}. */
    public static void nonNegative(String component, String key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw fail(component, key, "a finite number >= 0", value);
        }
    }

    /** Requires {@code value} in {@code [0, 1)}. */
    public static void inZeroOneOpen(String component, String key, double value) {
        if (!(value >= 0 && value < 1)) {
            throw fail(component, key, "in [0, 1)", value);
        }
    }

    /** Requires {@code value} in {@code [0, 1]}. */
    public static void inZeroOneClosed(String component, String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw fail(component, key, "in [0, 1]", value);
        }
    }

    /** Requires {@code value} in {@code (0, 1]}. */
    public static void inOpenZeroOne(String component, String key, double value) {
        if (!(value > 0 && value <= 1)) {
            throw fail(component, key, "in (0, 1]", value);
        }
    }

    /** Requires {@code value >= minimum}. */
    public static void atLeast(String component, String key, long minimum, long value) {
        if (value < minimum) {
            throw new IllegalArgumentException(component + ": " + key + " must be >= " + minimum + ", got " + value);
        }
    }

    private static IllegalArgumentException fail(String component, String key, String range, double value) {
        return new IllegalArgumentException(component + ": " + key + " must be " + range + ", got " + value);
    }
}
