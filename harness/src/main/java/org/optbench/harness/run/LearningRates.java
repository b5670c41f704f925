package org.optbench.harness.run;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.optbench.datasets.Dataset;
import org.optbench.harness.trial.DataProvider;
import org.optbench.harness.trial.Trial;
import org.optbench.harness.wiring.Registry;
import org.optbench.optimizers.schedules.RunLength;
import org.optbench.optimizers.schedules.Schedule;
import org.optbench.reports.RunFiles;
import org.optbench.reports.csv.RateCsv;

/**
 * Writes {@code rates/trial-N.csv}: the learning rate of every update of a model trial, for the learning-rate
 * figure ({@code curves.csv} has it once per evaluation only). Schedules are pure functions of the update count
 * and the run's length, so the rates are computed from the trial's schedule, optimizer and data alone, before any
 * trial runs: the same numbers the trial will use. One file per optimizer, schedule, data set and training
 * settings (the first trial of each), since repeats share their rates.
 */
final class LearningRates {
    /** More points than a figure can show: longer runs keep every ⌈T / MAX_POINTS⌉-th update and the last. */
    static final int MAX_POINTS = 20_000;

    private LearningRates() {
    }

    static void write(Path directory, List<Trial> trials, Registry registry, DataProvider data) {
        Set<String> done = new HashSet<>();
        for (Trial trial : trials) {
            if (trial.isFunction() || !done.add(trial.optimizer() + "|" + trial.schedule() + "|" + trial.dataset() + "|"
                    + trial.settings())) {
                continue;
            }
            Schedule schedule;
            long total;
            try {
                Dataset dataset = data.dataset(trial.dataset());
                RunLength length = trial.settings().runLength(trial.settings().batchPlan(dataset.train().count()));
                total = length.totalUpdates();
                schedule = registry.buildSchedule(trial.schedule(), registry.buildOptimizer(trial.optimizer()).learningRate(),
                        length);
            } catch (RuntimeException e) {
                continue; // the trial itself fails with this message; the figure just lacks its line
            }
            long every = Math.max(1, (total + MAX_POINTS - 1) / MAX_POINTS);
            int points = (int) ((total + every - 1) / every) + ((total - 1) % every == 0 ? 0 : 1);
            long[] steps = new long[points];
            double[] rates = new double[points];
            int n = 0;
            try {
                for (long k = 0; k < total; k += every) {
                    steps[n] = k + 1;
                    rates[n++] = schedule.rate(k);
                }
                if (n < points) {
                    steps[n] = total;
                    rates[n++] = schedule.rate(total - 1);
                }
            } catch (RuntimeException e) {
                continue; // a rate the schedule check refuses: the trial fails and says so
            }
            RateCsv.write(directory.resolve(RunFiles.rates(trial.id())), java.util.Arrays.copyOf(steps, n),
                    java.util.Arrays.copyOf(rates, n));
        }
    }
}
