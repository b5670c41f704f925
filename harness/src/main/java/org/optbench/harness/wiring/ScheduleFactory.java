package org.optbench.harness.wiring;

import org.optbench.optimizers.schedules.Schedule;

/**
 * Builds a learning-rate schedule; contributed to the {@code MapBinder<String, ScheduleFactory>}. Every schedule
 * also takes {@code unit=step|epoch}, which the harness adds and applies; factories do not declare it.
 */
public interface ScheduleFactory extends Component {

    /**
     * Creates the schedule in its own unit.
     *
     * @param baseRate η_0, the optimizer's {@code lr}
     */
    Schedule create(ParameterValues values, double baseRate);
}
