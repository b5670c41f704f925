package org.optbench.harness.testing;

import java.util.List;

/**
 * An experiment a child run stops in the middle of, whatever the machine's speed: run with
 * {@link HoldModule#HOLD} set and 2 threads, exactly 2 trials finish and the others wait until the run is
 * stopped; without it all 12 run in about a second. 6 trials train a small softmax on blobs (ids 0-5), 6
 * minimize Rosenbrock with traces (ids 6-11).
 */
public final class HeldExperiment {
    public static final String YAML = """
            name: held
            dataset: [blobs(classes=3, dim=4, n=300), rosenbrock]
            model: test-softmax
            optimizer: [held-sign-sgd(lr=0.01, after=2), held-sign-sgd(lr=0.001, after=2)]
            epochs: 2
            batch: 16
            steps: 200
            repeats: 3
            """;
    /** Trials in {@link #YAML}. */
    public static final int TRIALS = 12;
    /** Trials that finish while the hold is on (with 2 threads). */
    public static final int FINISHED_WHEN_HELD = 2;
    /**
     * The options the experiment needs: its modules, and no warm-up, which would start (and so hold) trials of its
     * own before the timed ones.
     */
    public static final List<String> OPTIONS = List.of("--module", "org.optbench.harness.testing.TestComponentsModule",
            "--module", "org.optbench.harness.testing.HoldModule", "--warmup", "0");

    private HeldExperiment() {
    }
}
