package org.optbench.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.harness.testing.Cli;
import org.optbench.harness.testing.RunFilesCompare;

/**
 * {@code --resume} reconciles the folder with the plan: trials whose curve rows, trace or trial row were cut or
 * deleted run again, and the run ends with the files of an uninterrupted run (time columns aside); rows of trials
 * the plan does not have, a damaged or deleted manifest and a second writer are refused with one line and a way
 * forward that works.
 */
class ResumeReconcileTest {
    static final String MODULE = "org.optbench.harness.testing.TestComponentsModule";
    /** 6 blobs trials (ids 0-5, 3 curve rows each) and 6 Rosenbrock trials (ids 6-11, traces of 201 rows). */
    static final String EXPERIMENT = """
            name: reconcile
            dataset: [blobs(classes=3, dim=4, n=300), rosenbrock]
            model: test-softmax
            optimizer: [sgd(lr=0.05), adam(lr=0.01)]
            epochs: 2
            batch: 16
            steps: 200
            eval_every: 50
            repeats: 3
            """;

    @TempDir
    static Path shared;
    static Path file;
    /** The uninterrupted run, made once; each test damages a copy. */
    static Path clean;

    @TempDir
    Path folder;

    @BeforeAll
    static void anUninterruptedRun() throws IOException {
        file = shared.resolve("reconcile.yaml");
        Files.writeString(file, EXPERIMENT);
        clean = shared.resolve("clean");
        Cli.Result result = run(clean, false);
        assertEquals(0, result.code(), result.err());
    }

    private static Cli.Result run(Path out, boolean resume) {
        List<String> args = new ArrayList<>(List.of("run", file.toString(), "--out", out.toString(), "--threads", "2",
                "--no-report", "--module", MODULE));
        if (resume) {
            args.add("--resume");
        }
        return Cli.run(args.toArray(String[]::new));
    }

    private Path copyOfClean(String name) throws IOException {
        Path copy = folder.resolve(name);
        try (Stream<Path> files = Files.walk(clean)) {
            for (Path source : files.toList()) {
                Path target = copy.resolve(clean.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return copy;
    }

    /** Every CSV file of both folders (journal included), time columns blanked. */
    private static Map<String, List<String>> csvFiles(Path run) throws IOException {
        Map<String, List<String>> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(run)) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".csv")).toList()) {
                files.put(run.relativize(path).toString(), RunFilesCompare.withoutTimes(path));
            }
        }
        return files;
    }

    private static Map<String, String> snapshot(Path run) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(run)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(run.relativize(path).toString(), Files.readString(path));
            }
        }
        return files;
    }

    private static void cut(Path file, double keptFraction) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int kept = (int) (bytes.length * keptFraction);
        Files.write(file, java.util.Arrays.copyOf(bytes, kept));
    }

    private static String oneLine(Cli.Result result) {
        assertEquals(2, result.code(), "stderr: " + result.err() + " stdout: " + result.out());
        String message = result.err().strip();
        assertFalse(message.contains("\n") || message.contains("Exception"), message);
        return message;
    }

    @Test
    void trialsWithCutOrDeletedRowsRunAgainAndTheFilesEndAsAnUninterruptedRun() throws IOException {
        Path damaged = copyOfClean("damaged");
        cut(damaged.resolve("curves.csv"), 0.5);
        Files.delete(damaged.resolve("traces/trial-7.csv"));
        cut(damaged.resolve("traces/trial-9.csv"), 0.5);
        Path trials = damaged.resolve("trials.csv");
        cut(trials, (Files.size(trials) - 5.0) / Files.size(trials)); // the last trial row torn
        Cli.Result resumed = run(damaged, true);
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("with missing or torn rows run again"), resumed.out());
        assertEquals(csvFiles(clean), csvFiles(damaged));
    }

    @Test
    void aDeletedCurvesFileOrTraceFolderIsRecomputed() throws IOException {
        Path damaged = copyOfClean("damaged");
        Files.delete(damaged.resolve("curves.csv"));
        try (Stream<Path> traces = Files.list(damaged.resolve("traces"))) {
            for (Path trace : traces.toList()) {
                Files.delete(trace);
            }
        }
        Cli.Result resumed = run(damaged, true);
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("ran 12 of 12 trials"), resumed.out());
        assertEquals(csvFiles(clean), csvFiles(damaged));
    }

    @Test
    void aRowOfATrialThePlanDoesNotHaveIsRefusedAndNothingChanges() throws IOException {
        Path edited = copyOfClean("edited");
        Path trials = edited.resolve("trials.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(trials));
        assertTrue(lines.get(2).startsWith("1,"), lines.get(2));
        lines.set(2, "999" + lines.get(2).substring(1));
        Files.write(trials, lines);
        Map<String, String> before = snapshot(edited);
        String message = oneLine(run(edited, true));
        assertTrue(message.contains("has a row for trial 999, which this experiment does not have (its trials are 0 to 11)"), message);
        assertEquals(before, snapshot(edited), "a refused resume changes nothing");
    }

    @Test
    void aRowWhoseConfigurationIsNotThePlansIsRefused() throws IOException {
        Path edited = copyOfClean("edited");
        Path trials = edited.resolve("trials.csv");
        String text = Files.readString(trials);
        // Trial 0 is sgd(lr=0.05) on blobs; claim it was run with another learning rate.
        String line = text.lines().skip(1).findFirst().orElseThrow();
        Files.writeString(trials, text.replace(line, line.replaceFirst("sgd\\(lr=0\\.05\\)", "sgd(lr=0.5)")));
        String message = oneLine(run(edited, true));
        assertTrue(message.contains("the row of trial 0 (sgd(lr=0.5) on blobs") && message.contains("is not this experiment's trial 0"),
                message);
    }

    @Test
    void aDamagedManifestIsNamedAndTheAdviceWorks() throws IOException {
        Path run = copyOfClean("run");
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(run.resolve("manifest.json").toFile());
        manifest.putNull("sessions");
        json.writeValue(run.resolve("manifest.json").toFile(), manifest);
        String message = oneLine(run(run, true));
        assertTrue(message.contains("manifest.json is damaged (\"sessions\" is missing or null)"), message);
        assertTrue(message.contains("mv " + run + " " + run + ".damaged, then the same command without --resume"), message);
        // The advice, followed.
        Files.move(run, folder.resolve("run.damaged"));
        Cli.Result again = run(run, false);
        assertEquals(0, again.code(), again.err());
        assertEquals(csvFiles(clean), csvFiles(run));
    }

    @Test
    void aManifestThatIsNotJsonIsNamedAsDamaged() throws IOException {
        Path run = copyOfClean("run");
        Files.writeString(run.resolve("manifest.json"), "{\"name\": \"reconcile\", ");
        String message = oneLine(run(run, true));
        assertTrue(message.contains("manifest.json is damaged (") && message.contains("move the folder aside"), message);
    }

    @Test
    void aDeletedManifestIsNamedWithAWayForwardThatWorks() throws IOException {
        Path run = copyOfClean("run");
        Files.delete(run.resolve("manifest.json"));
        String resumed = oneLine(run(run, true));
        assertTrue(resumed.contains("holds trials.csv, curves.csv, .journal.csv, traces but no manifest.json (it was deleted)"), resumed);
        // On main the advice was "run without --resume", which was refused in turn; now both say the same.
        String started = oneLine(run(run, false));
        assertTrue(started.contains("no manifest.json (it was deleted)") && started.contains("move the folder aside"), started);
        Files.move(run, folder.resolve("run.damaged"));
        Cli.Result again = run(run, false);
        assertEquals(0, again.code(), again.err());
    }

    @Test
    void aSecondWriterIsRefusedWithTheHoldersPid() throws IOException {
        Path run = copyOfClean("run");
        String pid = Long.toString(ProcessHandle.current().pid());
        try (RunLock held = RunLock.acquire(run)) {
            String message = oneLine(run(run, true));
            assertTrue(message.contains(run + " is being written by another optbench process (pid " + pid + ")"), message);
            // A new run into a folder that only holds the lock is refused the same way, not started beside it.
            Path fresh = folder.resolve("fresh");
            Files.createDirectories(fresh);
            try (RunLock freshHeld = RunLock.acquire(fresh)) {
                assertTrue(oneLine(run(fresh, false)).contains("(pid " + pid + ")"));
            }
        }
        // Released: the writer may go on (nothing is missing, so nothing runs).
        Cli.Result resumed = run(run, true);
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("ran 0 of 12 trials"), resumed.out());
        assertEquals(pid + "\n", Files.readString(run.resolve(".lock")), "the lock file names its last holder");
    }
}
