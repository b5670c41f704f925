package org.optbench.harness.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.datasets.Dataset;
import org.optbench.harness.testing.Cli;
import org.optbench.harness.testing.RunFilesCompare;
import org.optbench.harness.wiring.DataOptions;

/**
 * The untimed warm-up: how many updates it takes, and that it changes no result. (How much it removes of the first
 * trial's time is measured by benchmarks/warmup/first-trial-bias.sh, not asserted here: times are the machine's.)
 */
class WarmUpTest {

    @Test
    void aWarmUpTakesAtLeastTheMinimumAndNeverMoreThanTheTrial() throws IOException {
        Dataset blobs = TrialRunnerTest.REGISTRY.loadDataset("blobs(classes=3, dim=2, separation=1, n=120)",
                new DataOptions(null, 0.1, 0, "none", 5));
        TrialRunner runner = new TrialRunner(TrialRunnerTest.REGISTRY, name -> blobs);
        // 120 training examples in batches of 16: 8 updates per epoch (the last one of 8 examples), 2 epochs.
        Trial model = new Trial(0, blobs.name(), "test-softmax", "sgd(lr=0.1)", "constant(unit=step)", List.of(), 0, 3, 4,
                new TrialSettings(2, 16, false, 1, 0, 100, 0, null));
        assertEquals(16, runner.warmUp(model, 10.0, 20), "capped at the trial's own 16 updates whatever the time");
        assertEquals(5, runner.warmUp(model, 0.0, 5), "no time: exactly the minimum");
        Trial function = TrialRunnerTest.function("quartic", "sgd(lr=0.05)", List.of(), TrialRunnerTest.steps(30, null));
        assertEquals(20, TrialRunnerTest.FUNCTIONS.warmUp(function, 0.0, 20));
        assertEquals(30, TrialRunnerTest.FUNCTIONS.warmUp(function, 10.0, 20), "capped at the trial's steps");
        Trial broken = new Trial(0, blobs.name(), "no-such-model", "sgd(lr=0.1)", "constant(unit=step)", List.of(), 0,
                3, 4, new TrialSettings(2, 16, false, 1, 0, 100, 0, null));
        assertEquals(0, runner.warmUp(broken, 0.0, 20), "a failure is left for the trial to report");
    }

    @Test
    void theWarmUpChangesNoResult(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("warm.yaml");
        Files.writeString(file, """
                name: warm
                seed: 3
                dataset: [blobs(classes=3, dim=4, n=300), quartic(noise=0.5)]
                model: mlp(hidden=[8], activation=relu)
                optimizer: ["sgd(lr=[0.1, 0.05])", adam(lr=0.01)]
                regularizers: [[], [l2(lambda=1e-3)]]
                epochs: 2
                batch: 32
                steps: 40
                repeats: 2
                """);
        Cli.Result cold = Cli.run("run", file.toString(), "--out", folder.resolve("cold").toString(), "--threads", "1",
                "--warmup", "0", "--no-report");
        assertEquals(0, cold.code(), cold.err());
        Cli.Result warm = Cli.run("run", file.toString(), "--out", folder.resolve("warm").toString(), "--threads", "2",
                "--warmup", "0.05", "--no-report");
        assertEquals(0, warm.code(), warm.err());
        // 12 configurations, but the two sgd rates run the same code: per data set 2 rules x 2 regularizer sets.
        assertTrue(warm.out().contains("warm-up: 8 configurations in"), warm.out());
        for (String name : List.of("trials.csv", "curves.csv")) {
            assertEquals(RunFilesCompare.withoutTimes(folder.resolve("cold").resolve(name)),
                    RunFilesCompare.withoutTimes(folder.resolve("warm").resolve(name)), name);
        }
    }

    @Test
    void aNegativeWarmUpIsRefused(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("warm.yaml");
        Files.writeString(file, "dataset: quartic\noptimizer: sgd\n");
        Cli.Result result = Cli.run("run", file.toString(), "--out", folder.resolve("out").toString(), "--warmup", "-1");
        assertEquals(2, result.code());
        assertEquals("optbench: --warmup must be a number of seconds >= 0 (0 turns the warm-up off), got -1.0",
                result.err().strip());
    }
}
