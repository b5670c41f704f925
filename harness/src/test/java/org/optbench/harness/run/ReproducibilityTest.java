package org.optbench.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.harness.testing.Cli;
import org.optbench.harness.testing.RunFilesCompare;

/** The same experiment gives the same files, time columns aside, on 1 and on 2 threads. */
class ReproducibilityTest {
    static final String EXPERIMENT = """
            name: repro
            seed: 7
            repeats: 2
            parts:
              - dataset: [blobs(classes=3, dim=4, n=300), quartic(noise=0.5)]
                model: test-softmax
                optimizer:
                  - sgd(lr=0.1)
                  - momentum(lr=[0.05, 0.01], momentum=0.9)
                  - adam(lr=0.01)
                regularizers: [[], [l2(lambda=1e-3)]]
                epochs: 3
                batch: 32
                steps: 50
              - dataset: spirals(n=200)
                model: mlp(hidden=[16], activation=tanh)
                optimizer: [nesterov(lr=0.05), rmsprop(lr=0.01)]
                regularizers: [dropout(p=0.2), max-norm(c=2)]
                epochs: 2
                batch: 16
                eval_every: 5
            """;

    @Test
    void oneAndTwoThreadsWriteTheSameFiles(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("repro.yaml");
        Files.writeString(file, EXPERIMENT);
        Cli.Result one = Cli.run("run", file.toString(), "--out", folder.resolve("one").toString(), "--threads", "1",
                "--module", "org.optbench.harness.testing.TestComponentsModule");
        assertEquals(0, one.code(), one.err());
        Cli.Result two = Cli.run("run", file.toString(), "--out", folder.resolve("two").toString(), "--threads", "2",
                "--module", "org.optbench.harness.testing.TestComponentsModule");
        assertEquals(0, two.code(), two.err());
        for (String name : List.of("trials.csv", "curves.csv", "traces/trial-16.csv", "traces/trial-31.csv")) {
            List<String> a = RunFilesCompare.withoutTimes(folder.resolve("one").resolve(name));
            List<String> b = RunFilesCompare.withoutTimes(folder.resolve("two").resolve(name));
            assertEquals(a, b, name);
        }
        // Part 1: 2 data sets x 4 optimizers x 2 regularizer sets x 2 repeats (the quartic has no model axis, its noise
        // comes from the noise stream); part 2: a real MLP with dropout masks from the dropout stream, 2 x 2 trials.
        assertEquals(1 + 32 + 4, Files.readAllLines(folder.resolve("one/trials.csv")).size());
        assertTrue(Files.exists(folder.resolve("one/report.md")), "report.md is written after the trials");
    }
}
