package org.optbench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.harness.testing.Cli;

class CommandsTest {
    static final String MODULE = "org.optbench.harness.testing.TestComponentsModule";

    @Test
    void everyCommandHasHelp() {
        for (List<String> command : List.of(List.of("run"), List.of("trace"), List.of("list"), List.of("data"),
                List.of("data", "fetch"), List.of("report"), List.of("compare"))) {
            String[] args = new java.util.ArrayList<>(command) {{ add("--help"); }}.toArray(String[]::new);
            Cli.Result result = Cli.run(args);
            assertEquals(0, result.code(), String.join(" ", command));
            assertTrue(result.out().startsWith("Usage: optbench " + String.join(" ", command)), result.out());
        }
    }

    @Test
    void everyCommandsSummaryIsACompleteSentence() {
        // optbench --help lists each command with the first line of its description: it must not stop mid-sentence.
        picocli.CommandLine main = new picocli.CommandLine(new Main());
        for (var entry : main.getSubcommands().entrySet()) {
            String[] description = entry.getValue().getCommandSpec().usageMessage().description();
            if (description.length > 0) {
                assertTrue(description[0].endsWith("."), entry.getKey() + ": " + description[0]);
            }
        }
    }

    @Test
    void listAlignsParameterColumnsWhateverTheNameLength() {
        // one-cycle's final_div, adamw's weight_decay and delta-bar-delta's rows: within a section every row's
        // "default" starts in the same column.
        String out = Cli.run("list").out();
        for (String section : out.split("\n\n")) {
            List<Integer> columns = section.lines().filter(line -> line.startsWith("      "))
                    .map(line -> line.indexOf(" default ")).distinct().toList();
            assertTrue(columns.size() <= 1, "one column per section, got " + columns + " in:\n" + section);
        }
        assertTrue(out.contains("final_div"), out);
    }

    @Test
    void traceWritesTheTrajectoryToStandardOutput() {
        Cli.Result result = Cli.run("trace", "--function", "quartic", "--optimizer", "sgd(lr=0.05)", "--start", "-2.795",
                "--steps", "2");
        assertEquals(0, result.code(), result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals("step,lr,loss,x0", lines.get(0));
        assertEquals(4, lines.size(), "header, the start point and one row per update");
        assertTrue(lines.get(1).startsWith("0,0.05,"), lines.get(1));
        assertTrue(lines.get(1).endsWith(",-2.795"), "full float precision of the start: " + lines.get(1));
        // docs/math.md worked example 3: theta_1 = -2.795 - 0.05 f'(-2.795) = -1.887 to 3 decimals.
        double theta1 = Double.parseDouble(lines.get(2).split(",")[3]);
        assertEquals(-1.887, theta1, 1e-3);
    }

    @Test
    void traceWritesAFileWithTheUsersOptimizerFromAModule(@TempDir Path folder) throws IOException {
        Path out = folder.resolve("sub/trace.csv");
        Cli.Result result = Cli.run("trace", "--function", "quadratic(dim=2, kappa=1)", "--optimizer", "sign-sgd(lr=0.25)",
                "--start", "1,-2", "--steps", "1", "--out", out.toString(), "--module", MODULE);
        assertEquals(0, result.code(), result.err());
        // Sign descent: (1, -2) - 0.25 * sign((1, -2)) = (0.75, -1.75); f = (0.75^2 + 1.75^2) / 2 = 1.8125.
        assertEquals(List.of("step,lr,loss,x0,x1", "0,0.25,2.5,1.0,-2.0", "1,0.25,1.8125,0.75,-1.75"), Files.readAllLines(out));
    }

    @Test
    void listShowsComponentsWithParametersAndTheUsersModule() {
        Cli.Result result = Cli.run("list", "--module", MODULE);
        assertEquals(0, result.code(), result.err());
        String out = result.out();
        for (String expected : List.of("adam  -  ", "beta2", "0.999", "sign-sgd  -  ", "step  -  ", "every", "l2  -  ",
                "early-stopping", "mnist", "blobs", "rosenbrock", "mlp  -  ", "hidden", "[128]", "experiment keys", "time_budget")) {
            assertTrue(out.contains(expected), "list shows " + expected);
        }
    }

    @Test
    void aUsersOptimizerRunsInAnExperiment(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("plugin.yaml"),
                "dataset: quadratic(dim=2, kappa=1, start=[1, -2])\noptimizer: sign-sgd(lr=0.25)\nsteps: 4\n");
        Cli.Result result = Cli.run("run", file.toString(), "--out", folder.resolve("run").toString(), "--no-report",
                "--module", MODULE);
        assertEquals(0, result.code(), result.err());
        List<String> trace = Files.readAllLines(folder.resolve("run/traces/trial-0.csv"));
        // Four sign steps of 0.25 from (1, -2): x0 reaches 0, x1 reaches -1, f = (0 + 1) / 2.
        assertEquals("4,0.25,0.5,0.0,-1.0", trace.get(5));
        assertTrue(Files.readString(folder.resolve("run/manifest.json")).contains(MODULE));
    }

    @Test
    void compareTwoRunsOfTheSameExperimentAndReportItAgain(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("same.yaml"),
                "dataset: blobs(classes=3, dim=2, n=90)\nmodel: test-softmax\noptimizer: sgd(lr=0.1)\nepochs: 2\nbatch: 10\nrepeats: 3\n");
        for (String name : List.of("a", "b")) {
            Cli.Result run = Cli.run("run", file.toString(), "--out", folder.resolve(name).toString(), "--no-report",
                    "--module", MODULE);
            assertEquals(0, run.code(), run.err());
        }
        Cli.Result same = Cli.run("compare", folder.resolve("a").toString(), folder.resolve("b").toString(),
                "--max-time-ratio", "1000");
        assertEquals(0, same.code(), same.out() + same.err());
        assertTrue(Files.exists(folder.resolve("b/compare.md")));
        Cli.Result missing = Cli.run("compare", folder.resolve("a").toString(), folder.resolve("none").toString());
        assertEquals(2, missing.code());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        Cli.Result badMode = Cli.run("compare", folder.resolve("a").toString(), folder.resolve("b").toString(),
                "--time", "loud");
        assertEquals(2, badMode.code());
        assertEquals("optbench: compare: --time must be fail or warn, got 'loud'", badMode.err().strip());
        // The same experiment with fewer epochs is another experiment: refused, naming the difference.
        Path shorter = Files.writeString(folder.resolve("short.yaml"), Files.readString(file)
                .replace("epochs: 2", "epochs: 1"));
        assertEquals(0, Cli.run("run", shorter.toString(), "--out", folder.resolve("c").toString(), "--no-report",
                "--module", MODULE).code());
        Cli.Result differs = Cli.run("compare", folder.resolve("a").toString(), folder.resolve("c").toString(),
                "--failed-checks", folder.resolve("checks.csv").toString());
        assertEquals(2, differs.code(), differs.out());
        assertTrue(differs.err().contains("the runs differ in their settings (epochs: 2 → 1)"), differs.err());
        Cli.Result checked = Cli.run("compare", folder.resolve("a").toString(), folder.resolve("b").toString(),
                "--max-time-ratio", "1000", "--failed-checks", folder.resolve("checks.csv").toString());
        assertEquals(0, checked.code(), checked.out());
        assertEquals("configuration,metric,kind,effect,p\n", Files.readString(folder.resolve("checks.csv")));
        Cli.Result report = Cli.run("report", folder.resolve("a").toString());
        assertEquals(0, report.code(), report.err());
        assertTrue(Files.exists(folder.resolve("a/report.md")));
    }

    @Test
    void dryRunChecksAndListsWithoutWriting(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("dry.yaml"), "dataset: quartic\noptimizer: [sgd, adam]\nrepeats: 2\n");
        Cli.Result result = Cli.run("run", file.toString(), "--out", folder.resolve("run").toString(), "--dry-run");
        assertEquals(0, result.code(), result.err());
        assertEquals(4, result.out().lines().filter(line -> line.startsWith("trial ")).count(), result.out());
        assertTrue(result.out().contains("dry run: 4 trials would run into"), result.out());
        assertTrue(!Files.exists(folder.resolve("run")), "nothing written");
    }
}
