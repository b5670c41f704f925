package org.optbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.harness.testing.ChildJvm;
import org.optbench.harness.testing.Cli;
import org.optbench.harness.testing.RunFilesCompare;

/**
 * A Spark run whose driver is killed (kill -9) mid-run and finished with {@code --resume} on Spark ends with every
 * trial exactly once and the same files as an uninterrupted run on local threads, time columns aside.
 */
class SparkCrashResumeTest {
    static final String MODULE = "org.optbench.harness.testing.TestComponentsModule";
    static final String EXPERIMENT = """
            name: spark-crash
            dataset: [blobs(classes=10, dim=50, n=3000), rosenbrock]
            model: test-softmax
            optimizer:
              - sgd(lr=[0.001, 0.01, 0.05])
              - sign-sgd(lr=0.001)
              - adam(lr=0.001)
            epochs: 3
            batch: 10
            steps: 2000
            repeats: 3
            """;
    static final int TRIALS = 30;

    @Test
    void killedDriverResumesToTheSameFiles(@TempDir Path folder) throws Exception {
        assertTrue(ChildJvm.classpathReady(), "the child JVM needs the test classpath");
        Path file = folder.resolve("crash.yaml");
        Files.writeString(file, EXPERIMENT);
        Path killed = folder.resolve("killed");
        Process child = ChildJvm.cli(folder, folder.resolve("child.log"), Map.of(), "run", file.toString(), "--out",
                killed.toString(), "--executor", "spark", "--master", "local[2]", "--no-report", "--module", MODULE).start();
        Path trials = killed.resolve("trials.csv");
        int written = ChildJvm.killAfterRows(child, trials, 3, 120, folder.resolve("child.log"));
        assertTrue(written >= 3 && written < TRIALS, "the driver must be killed mid-run, it wrote " + written + " of "
                + TRIALS + " trials: " + Files.readString(folder.resolve("child.log")));

        Cli.Result resumed = Cli.run("run", file.toString(), "--out", killed.toString(), "--resume", "--executor", "spark",
                "--master", "local[2]", "--no-report", "--module", MODULE);
        assertEquals(0, resumed.code(), resumed.err());
        List<String> rows = Files.readAllLines(trials);
        Set<String> ids = new HashSet<>();
        for (String row : rows.subList(1, rows.size())) {
            assertTrue(ids.add(row.substring(0, row.indexOf(','))), "trial written twice: " + row);
        }
        assertEquals(TRIALS, ids.size());

        Path clean = folder.resolve("clean");
        Cli.Result uninterrupted = Cli.run("run", file.toString(), "--out", clean.toString(), "--threads", "2", "--no-report",
                "--module", MODULE);
        assertEquals(0, uninterrupted.code(), uninterrupted.err());
        for (String name : List.of("trials.csv", "curves.csv", "traces/trial-15.csv", "traces/trial-29.csv")) {
            assertEquals(RunFilesCompare.withoutTimes(clean.resolve(name)), RunFilesCompare.withoutTimes(killed.resolve(name)), name);
        }
    }
}
