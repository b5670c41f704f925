package org.optbench.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.harness.testing.ChildJvm;
import org.optbench.harness.testing.Cli;
import org.optbench.harness.testing.RunFilesCompare;

/**
 * A run killed with the equivalent of kill -9 in the middle and finished with {@code --resume} ends with the same
 * files as an uninterrupted run, time columns aside.
 */
class CrashResumeTest {
    static final String MODULE = "org.optbench.harness.testing.TestComponentsModule";
    static final String EXPERIMENT = """
            name: crash
            dataset: [blobs(classes=10, dim=50, n=3000), rosenbrock]
            model: test-softmax
            optimizer:
              - sgd(lr=[0.001, 0.01, 0.05])
              - momentum(lr=0.001)
              - adam(lr=0.001)
            epochs: 3
            batch: 10
            steps: 2000
            repeats: 3
            """;

    @Test
    void killedRunResumesToTheSameFiles(@TempDir Path folder) throws Exception {
        assertTrue(ChildJvm.classpathReady(), "the child JVM needs the test classpath");
        Path file = folder.resolve("crash.yaml");
        Files.writeString(file, EXPERIMENT);
        Path killed = folder.resolve("killed");
        Process child = ChildJvm.cli(folder, folder.resolve("child.log"), Map.of(), "run", file.toString(), "--out",
                killed.toString(), "--threads", "2", "--no-report", "--module", MODULE).start();
        int written = ChildJvm.killAfterRows(child, killed.resolve("trials.csv"), 3, 60, folder.resolve("child.log"));
        assertTrue(written >= 3 && written < 30, "the child must be killed mid-run, it wrote " + written + " of 30 trials: "
                + Files.readString(folder.resolve("child.log")));

        Cli.Result resumed = Cli.run("run", file.toString(), "--out", killed.toString(), "--resume", "--threads", "2",
                "--no-report", "--module", MODULE);
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("ran " + (30 - written) + " of 30 trials")
                        || resumed.out().contains("of 30 trials"), resumed.out());

        Path clean = folder.resolve("clean");
        Cli.Result uninterrupted = Cli.run("run", file.toString(), "--out", clean.toString(), "--threads", "2", "--no-report", "--module", MODULE);
        assertEquals(0, uninterrupted.code(), uninterrupted.err());
        for (String name : List.of("trials.csv", "curves.csv", "traces/trial-15.csv", "traces/trial-29.csv",
                "landscapes/rosenbrock_noise_0.csv")) {
            assertEquals(RunFilesCompare.withoutTimes(clean.resolve(name)), RunFilesCompare.withoutTimes(killed.resolve(name)), name);
        }
    }

}
