package org.optbench.reports;

import java.util.Locale;

/** How a trial ended. */
public enum TrialStatus {
    /** Ran all its epochs or steps. */
    OK,
    /** Loss became NaN, infinite, or exceeded the divergence threshold; the run went on without it. */
    DIVERGED,
    /** Early stopping ended it; the best parameters were restored. */
    STOPPED_EARLY,
    /** Its per-trial time budget ran out. */
    TIME_BUDGET,
    /** An error ended it; the message column says which. */
    FAILED;

    /**
     * Whether the trial's final metrics stand for its configuration: it ended {@code ok} or stopped early (with its
     * best parameters restored). Diverged, failed and timed-out trials are counted, not averaged into means.
     */
    public boolean usable() {
        return this == OK || this == STOPPED_EARLY;
    }

    /** The value written in CSV files: {@code ok}, {@code diverged}, {@code stopped-early}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@link #key()}. */
    public static TrialStatus parse(String text) {
        for (TrialStatus status : values()) {
            if (status.key().equals(text)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown trial status '" + text + "'");
    }
}
