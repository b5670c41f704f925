package org.optbench.optimizers.schedules;

/**
 * How long a run is, given to a schedule when it is built so that it can span the whole run ({@code steps=auto})
 * and still be a pure function of the update count.
 *
 * @param totalUpdates T, the updates the run will take at most (epochs × updates per epoch, or a function's
 *     {@code steps}), at least 1
 * @param updatesPerEpoch updates in one epoch, at least 1 (1 on an analytic function)
 */
public record RunLength(long totalUpdates, long updatesPerEpoch) {

    /**
     * A stand-in for checking a schedule's parameters before the run's length is known (the data set is not loaded
     * yet): long enough that no length-dependent range check can fail because of it.
     */
    public static final RunLength UNKNOWN = new RunLength(Integer.MAX_VALUE, 1);

    public RunLength {
        if (totalUpdates < 1 || updatesPerEpoch < 1) {
            throw new IllegalArgumentException("run length: total updates and updates per epoch must be >= 1, got "
                    + totalUpdates + " and " + updatesPerEpoch);
        }
    }

    /** The same run counted in {@code unit}: epochs are whole epochs, ⌈T / updates per epoch⌉. */
    public RunLength in(ScheduleUnit unit) {
        if (unit == ScheduleUnit.STEP || this == UNKNOWN) {
            return this;
        }
        return new RunLength((totalUpdates + updatesPerEpoch - 1) / updatesPerEpoch, 1);
    }
}
