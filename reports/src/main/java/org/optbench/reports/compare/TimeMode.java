package org.optbench.reports.compare;

import java.util.Locale;

/** What a {@link Verdict#TIME_REGRESSION} does to the exit code of {@code optbench compare}. */
public enum TimeMode {
    /**
     * Exit 4 when time regressed and nothing else failed (the default): a code of its own, never 1 (3 is an
     * internal error).
     */
    FAIL,
    /** Print the time regression and leave the exit code to the metrics and trials. */
    WARN;

    /** Parses {@code fail} or {@code warn}. */
    public static TimeMode parse(String text) {
        for (TimeMode mode : values()) {
            if (mode.name().equalsIgnoreCase(text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("--time must be fail or warn, got '" + text + "'");
    }

    /** {@code fail} or {@code warn}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
