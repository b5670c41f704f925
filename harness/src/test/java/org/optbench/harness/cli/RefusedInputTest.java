package org.optbench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.harness.testing.Cli;

/**
 * Input that can never give a meaningful run is refused before any trial starts, with one line naming the
 * problem: a grid too large to build, targets the problem cannot meet or has no metric for, non-finite numbers,
 * a file that is not UTF-8, and delta-bar-delta (which sets its own rates) with a schedule.
 */
class RefusedInputTest {
    static final String MODULE = "org.optbench.harness.testing.TestComponentsModule";

    @TempDir
    Path folder;

    private String fails(String... args) {
        return Cli.userError(args);
    }

    private String runFails(String yaml, String... extra) throws IOException {
        Path file = folder.resolve("bad.yaml");
        Files.writeString(file, yaml);
        Path out = folder.resolve("new");
        String[] args = Stream.concat(Stream.of("run", file.toString(), "--out", out.toString(), "--no-report",
                "--module", MODULE), Stream.of(extra)).toArray(String[]::new);
        String message = fails(args);
        assertFalse(Files.exists(out.resolve("trials.csv")), "no trial may start: " + message);
        return message;
    }

    @Test
    void aHugeGridIsCountedAndRefusedBeforeItIsBuilt() throws IOException {
        // 2 data sets: blobs × 2 models + rosenbrock (no model) = 3, × 2 optimizers × 100,000,000 repeats.
        String message = runFails("""
                dataset: [blobs(classes=3, dim=2, n=60), rosenbrock]
                model: [test-softmax, softmax]
                optimizer: [sgd(lr=0.1), adam]
                batch: 8
                repeats: 100000000
                """);
        assertTrue(message.contains("600,000,000 trials"), message);
        assertTrue(message.contains("repeats 100000000") && message.contains("--max-trials"), message);
    }

    @Test
    void theTrialLimitIsConfigurable() throws IOException {
        String yaml = "dataset: rosenbrock\noptimizer: sgd\nrepeats: 5\n";
        String message = runFails(yaml, "--max-trials", "4");
        assertTrue(message.contains("has 5 trials") && message.contains("limit of 4"), message);
        Path file = folder.resolve("ok.yaml");
        Files.writeString(file, yaml);
        Cli.Result allowed = Cli.run("run", file.toString(), "--out", folder.resolve("ok").toString(), "--dry-run",
                "--max-trials", "5");
        assertEquals(0, allowed.code(), allowed.err());
        assertTrue(allowed.out().contains("dry run: 5 trials"), allowed.out());
    }

    @Test
    void aReversedOperatorIsNamedAsTheOperator() throws IOException {
        String message = runFails("dataset: blobs(classes=3, dim=2, n=60)\nmodel: test-softmax\noptimizer: sgd\n"
                + "target: val_accuracy => 0.9\n");
        assertTrue(message.contains("unknown operator '=>'") && message.contains("did you mean '>='?"), message);
        assertFalse(message.contains("unknown metric"), message);
    }

    @Test
    void targetValuesMustBeFiniteAndAccuraciesFractions() throws IOException {
        String base = "dataset: blobs(classes=3, dim=2, n=60)\nmodel: test-softmax\noptimizer: sgd\n";
        assertTrue(runFails(base + "target: val_accuracy >= NaN\n").contains("must be a finite number, got 'NaN'"));
        assertTrue(runFails(base + "target: train_loss <= 1e400\n").contains("must be a finite number, got '1e400'"));
        String five = runFails(base + "target: val_accuracy >= 5\n");
        assertTrue(five.contains("val_accuracy is a fraction in [0, 1]") && five.contains("val_accuracy >= 5"), five);
        assertTrue(runFails(base + "target: test_accuracy > -0.5\n").contains("fraction in [0, 1]"));
    }

    @Test
    void aTargetMustWatchAMetricTheProblemHas() throws IOException {
        String function = runFails("dataset: rosenbrock\noptimizer: sgd\ntarget: val_accuracy >= 0.9\n");
        assertTrue(function.contains("rosenbrock(noise=0) is an analytic function, whose only metric is train_loss"), function);
        // The loss of a function is its value: a loss target is fine there.
        Path file = folder.resolve("loss.yaml");
        Files.writeString(file, "dataset: rosenbrock\noptimizer: sgd\ntarget: loss <= 1e-6\n");
        assertEquals(0, Cli.run("run", file.toString(), "--out", folder.resolve("loss").toString(), "--dry-run").code());
        String regression = runFails("dataset: linear-regression(dim=2, n=100)\nmodel: linear\noptimizer: sgd\n"
                + "target: val_accuracy >= 0.9\n");
        assertTrue(regression.contains("is a regression data set, which has no accuracy"), regression);
    }

    @Test
    void nonFiniteNumbersAreRefusedLikeNaN() throws IOException {
        assertTrue(runFails("dataset: quartic(start=[1e400])\noptimizer: sgd\n")
                .contains("quartic: start must be a list of reals, got '1e400', which is not a finite number"));
        assertTrue(runFails("dataset: quartic(start=[NaN])\noptimizer: sgd\n").contains("got 'NaN', which is not a finite number"));
        // Was an internal error (exit 3) on main: the function's own check threw past the harness.
        assertTrue(runFails("dataset: rosenbrock(noise=1e400)\noptimizer: sgd\n").contains("not a finite number"));
        String trace = fails("trace", "--function", "rosenbrock", "--optimizer", "sgd", "--start", "1e400,1");
        assertTrue(trace.contains("--start: rosenbrock: start must be a list of reals, got '1e400'"), trace);
        assertTrue(fails("trace", "--function", "rosenbrock", "--optimizer", "sgd", "--start", "0,-Infinity")
                .contains("got '-Infinity', which is not a finite number"));
    }

    @Test
    void anExperimentFileThatIsNotUtf8NamesTheEncoding() throws IOException {
        Path file = folder.resolve("latin1.yaml");
        // "café" in Latin-1 on line 2: é is the single byte 0xE9, a UTF-8 lead byte not followed by continuation
        // bytes; it comes after "dataset: rosenbrock\n" (20 bytes) and "description: caf" (16): offset 36.
        Files.write(file, "dataset: rosenbrock\ndescription: caf\u00e9\noptimizer: sgd\n".getBytes(StandardCharsets.ISO_8859_1));
        String message = fails("run", file.toString(), "--out", folder.resolve("x").toString());
        assertTrue(message.contains("latin1.yaml:2: the experiment file is not UTF-8 text (byte 0xE9 at offset 36"), message);
        assertTrue(message.contains("save it as UTF-8"), message);
    }

    @Test
    void deltaBarDeltaTakesNoScheduleButConstant() throws IOException {
        String message = runFails("dataset: rosenbrock\noptimizer: [sgd, delta-bar-delta]\n"
                + "schedule: [constant, linear-decay(steps=100)]\n");
        assertTrue(message.contains("bad.yaml:3: schedule: delta-bar-delta(") && message.contains("ignores a schedule")
                && message.contains("linear-decay(steps=100"), message);
        String trace = fails("trace", "--function", "rosenbrock", "--optimizer", "delta-bar-delta", "--schedule",
                "cosine(steps=10)");
        assertTrue(trace.contains("--schedule: delta-bar-delta(") && trace.contains("ignores a schedule"), trace);
        // With the constant schedule the lr column is the rate it starts from, as documented: accepted.
        Cli.Result constant = Cli.run("trace", "--function", "rosenbrock", "--optimizer", "delta-bar-delta(lr=0.002)",
                "--steps", "3");
        assertEquals(0, constant.code(), constant.err());
        assertTrue(constant.out().lines().skip(1).allMatch(line -> line.split(",")[1].equals("0.002")), constant.out());
    }
}
