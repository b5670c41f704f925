package org.optbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.harness.run.ExperimentRunner;
import org.optbench.harness.run.Progress;
import org.optbench.harness.testing.RunFilesCompare;
import org.optbench.harness.trial.TrialExecutor;
import org.optbench.harness.wiring.Wiring;

/**
 * A tuned study with successive halving on Spark ({@code local[2]}) writes the same trials.csv, curves.csv and
 * selection.csv as on local threads, time columns aside: each rung is planned from the rows of the one before,
 * whichever executor ran them and in whatever order they finished.
 */
class SparkHalvedStudyTest {
    static final String MODULE = "org.optbench.harness.testing.TestComponentsModule";
    // Rungs 1 and 3 epochs (min_epochs 1, eta 3): 4 -> 2 configurations per optimizer; 2 x (4 + 2) = 12 tuning
    // trials, then 2 final trials.
    static final String EXPERIMENT = """
            name: spark-halved
            dataset: blobs(classes=5, dim=20, n=600)
            model: test-softmax
            optimizer:
              - sgd(lr=loguniform(1e-3, 1))
              - adam(lr=loguniform(1e-4, 0.1))
            epochs: 3
            batch: 20
            tuning:
              method: halton
              budget: 4
              halving: {min_epochs: 1, eta: 3}
              final: {seeds: 1}
            """;

    @Test
    void sparkWritesTheSameRungsAndSelectionAsLocalThreads(@TempDir Path folder) throws Exception {
        Path local = run(folder, "local", null);
        Path spark = run(folder, "spark", new SparkTrialExecutor(SparkExecutors.conf("local[2]", Map.of(), null, null)));
        List<String> trials = Files.readAllLines(local.resolve("trials.csv"));
        assertEquals(15, trials.size(), "header and 14 trials");
        assertEquals(8, trials.stream().filter(line -> line.endsWith(",rung-0")).count());
        assertEquals(4, trials.stream().filter(line -> line.endsWith(",tune")).count());
        for (String name : List.of("trials.csv", "curves.csv", "selection.csv")) {
            assertEquals(RunFilesCompare.withoutTimes(local.resolve(name)), RunFilesCompare.withoutTimes(spark.resolve(name)), name);
        }
    }

    static Path run(Path folder, String name, TrialExecutor executor) throws Exception {
        Path file = folder.resolve("spark-halved.yaml");
        Files.writeString(file, EXPERIMENT);
        Path out = folder.resolve(name);
        StringWriter log = new StringWriter();
        ExperimentRunner runner = new ExperimentRunner(Wiring.registry(List.of(MODULE)),
                new Progress(new PrintWriter(log), false), executor);
        ExperimentRunner.Outcome outcome = runner.run(new ExperimentRunner.Options(file, out, List.of(), 2, false, null,
                List.of(MODULE), Set.of(), false, false, 0.05, ExperimentRunner.DEFAULT_MAX_TRIALS));
        assertEquals(14, outcome.ranNow(), log.toString());
        assertTrue(Files.exists(out.resolve("selection.csv")), log.toString());
        return out;
    }
}
