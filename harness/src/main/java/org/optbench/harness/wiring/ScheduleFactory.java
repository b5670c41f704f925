package org.optbench.harness.wiring;

import org.optbench.optimizers.schedules.RunLength;
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
     * @param length the run's length in the schedule's unit (updates, or epochs for {@code unit=epoch}), for
     *     parameters written {@code auto}; {@link RunLength#UNKNOWN} while the experiment is only being checked
     */
    Schedule create(ParameterValues values, double baseRate, RunLength length);
}
