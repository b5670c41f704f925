package org.optbench.harness.trial;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which trials of a JVM are warmed up before they are timed (docs/harness.md, "What is timed"), and for how long:
 * the first trial of each data set, model and batch size gets the full time, which compiles the model's kernels; the
 * first of every other combination of optimizer, schedule and regularizers, by name (two learning rates of one rule
 * run the same code), a tenth of it, which compiles its own update; every later trial none. One instance per run on
 * local threads, one per worker JVM on a cluster; safe to use from several threads.
 */
public final class WarmUps {
    /** Updates every warm-up takes at least, whatever its time: enough for the JIT to see the update loop as hot. */
    public static final int MIN_UPDATES = 20;

    private final double seconds;
    private final Set<String> shapes = ConcurrentHashMap.newKeySet();
    private final Set<String> code = ConcurrentHashMap.newKeySet();

    /** Warm-ups of {@code seconds} per new model shape; 0 warms nothing. */
    public WarmUps(double seconds) {
        this.seconds = seconds;
    }

    /** Warms the JIT up with {@code trial}'s components unless an earlier trial ran the same code; whether it did. */
    public boolean warm(TrialRunner runner, Trial trial) {
        String shape = trial.dataset() + "|" + trial.model() + "|" + trial.settings().batch();
        String components = shape + "|" + name(trial.optimizer()) + "|" + name(trial.schedule()) + "|"
                + trial.regularizers().stream().map(WarmUps::name).toList();
        if (seconds == 0 || !code.add(components)) {
            return false;
        }
        runner.warmUp(trial, shapes.add(shape) ? seconds : seconds / 10, MIN_UPDATES);
        return true;
    }

    /** {@code adam} of {@code adam(lr=0.001, ...)}. */
    private static String name(String canonical) {
        int open = canonical.indexOf('(');
        return open < 0 ? canonical : canonical.substring(0, open);
    }
}
