package org.optbench.optimizers.schedules;

import java.util.Locale;

/** What a schedule's index counts: updates ({@code unit=step}) or whole epochs ({@code unit=epoch}). */
public enum ScheduleUnit {
    STEP,
    EPOCH;

    /** Parses the user-facing key {@code step} or {@code epoch}. */
    public static ScheduleUnit parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "step" -> STEP;
            case "epoch" -> EPOCH;
            default -> throw new IllegalArgumentException("schedule: unit must be step or epoch, got " + text);
        };
    }

    /** The user-facing key. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
