package org.optbench.optimizers.schedules;

/**
 * A learning-rate schedule: a pure function of an index, so that resuming at index k gives the same rate as
 * never having stopped. The index counts updates (k = 0, 1, 2, ...) or epochs, per {@link ScheduleUnit};
 * {@link #perUpdate(ScheduleUnit, long)} turns either kind into a function of the update count.
 */
@FunctionalInterface
public interface Schedule {

    /** The learning rate for index {@code k >= 0} in this schedule's own unit. */
    double rate(long k);

    /**
     * This schedule read in {@code unit}, as a function of the 0-based update count.
     *
     * @param stepsPerEpoch updates per epoch, at least 1 (only used when {@code unit} is {@code EPOCH})
     */
    default Schedule perUpdate(ScheduleUnit unit, long stepsPerEpoch) {
        if (stepsPerEpoch < 1) {
            throw new IllegalArgumentException("schedule: steps per epoch must be at least 1, got " + stepsPerEpoch);
        }
        return unit == ScheduleUnit.STEP ? this : k -> rate(k / stepsPerEpoch);
    }
}
