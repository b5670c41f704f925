package org.optbench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.harness.testing.ChildJvm;
import org.optbench.harness.testing.Cli;

/**
 * Every user mistake gives one actionable line on standard error, exit code 2, no stack trace, and leaves what
 * was already written untouched.
 */
class BadInputTest {
    static final String MODULE = "org.optbench.harness.testing.TestComponentsModule";
    static final String GOOD = """
            name: good
            dataset: blobs(classes=3, dim=2, n=60)
            model: test-softmax
            optimizer: sgd(lr=0.1)
            epochs: 1
            batch: 8
            """;

    @TempDir
    Path folder;
    Path existingRun;
    Map<String, String> before;

    @BeforeEach
    void anExistingRun() throws IOException {
        existingRun = folder.resolve("existing");
        Cli.Result result = Cli.run("run", write("good.yaml", GOOD).toString(), "--out", existingRun.toString(),
                "--no-report", "--threads", "1", "--module", MODULE);
        assertEquals(0, result.code(), result.err());
        before = snapshot(existingRun);
    }

    /** Runs a command expected to fail; checks the one-line message, the code, and that the old run is intact. */
    private String fails(String... args) throws IOException {
        String message = Cli.userError(args);
        assertEquals(before, snapshot(existingRun), "the existing run must be untouched");
        return message;
    }

    private String runFails(String yaml, String... extra) throws IOException {
        Path file = write("bad.yaml", yaml);
        String[] args = Stream.concat(Stream.of("run", file.toString(), "--out", folder.resolve("new").toString(),
                "--no-report", "--module", MODULE), Stream.of(extra)).toArray(String[]::new);
        String message = fails(args);
        assertFalse(Files.exists(folder.resolve("new").resolve("trials.csv")), "no trial may start: " + message);
        return message;
    }

    @Test
    void missingExperimentFile() throws IOException {
        String message = fails("run", folder.resolve("nope.yaml").toString(), "--out", folder.resolve("x").toString());
        assertTrue(message.contains("nope.yaml does not exist"), message);
    }

    @Test
    void unreadableExperimentFile() throws IOException {
        // A folder in place of the file: unreadable as a file even for root, who ignores permission bits.
        Files.createDirectories(folder.resolve("folder.yaml"));
        String message = fails("run", folder.resolve("folder.yaml").toString(), "--out", folder.resolve("x").toString());
        assertTrue(message.contains("is a directory"), message);
    }

    @Test
    void experimentFileWithoutReadPermission() throws IOException {
        Path file = write("secret.yaml", GOOD);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
        // Root reads any file whatever its permissions: the check only means something for other users.
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(file), "running as root");
        String message = fails("run", file.toString(), "--out", folder.resolve("x").toString());
        assertTrue(message.contains("cannot be read (permission denied)"), message);
    }

    @Test
    void yamlSyntaxErrorNamesFileAndLine() throws IOException {
        String message = runFails("name: x\ndataset: [blobs\noptimizer: sgd\n");
        assertTrue(message.contains("bad.yaml:3"), message);
        assertTrue(message.contains("YAML syntax error"), message);
    }

    @Test
    void unknownComponentNameListsKnownOnesAndTheClosest() throws IOException {
        String message = runFails(GOOD.replace("optimizer: sgd(lr=0.1)", "optimizer: adma(lr=0.1)"));
        assertTrue(message.contains("bad.yaml:4: optimizer: unknown optimizer 'adma' (did you mean 'adam'?)"), message);
        assertTrue(message.contains("known: adadelta, adagrad, adam,"), message);
    }

    @Test
    void unknownParameterNamesTheClosest() throws IOException {
        String message = runFails(GOOD.replace("sgd(lr=0.1)", "momentum(lr=0.1, momentun=0.9)"));
        assertTrue(message.contains("bad.yaml:4: optimizer: momentum has no parameter 'momentun' (did you mean 'momentum'?)"), message);
    }

    @Test
    void unknownKeyNamesLineAndClosest() throws IOException {
        String message = runFails(GOOD + "epoch: 3\n");
        assertTrue(message.contains("bad.yaml:7: epoch: unknown key 'epoch' (did you mean 'epochs'?)"), message);
    }

    @Test
    void wrongType() throws IOException {
        String message = runFails(GOOD.replace("sgd(lr=0.1)", "sgd(lr=fast)"));
        assertTrue(message.contains("bad.yaml:4: optimizer: sgd: lr must be a real number, got 'fast'"), message);
        String epochs = runFails(GOOD.replace("epochs: 1", "epochs: many"));
        assertTrue(epochs.contains("bad.yaml:5: epochs must be an integer, got 'many'"), epochs);
    }

    @Test
    void outOfRangeUsesTheRecordsOwnMessage() throws IOException {
        String message = runFails(GOOD.replace("sgd(lr=0.1)", "adam(beta2=1.5)"));
        assertTrue(message.contains("bad.yaml:4: optimizer: adam: beta2 must be in [0, 1), got 1.5"), message);
        String set = runFails(GOOD, "--set", "batch=0");
        assertTrue(set.contains("--set batch must be >= 1"), set);
    }

    @Test
    void emptyGrid() throws IOException {
        String message = runFails(GOOD.replace("optimizer: sgd(lr=0.1)", "optimizer: []"));
        assertTrue(message.contains("bad.yaml:4: optimizer is an empty list, so the grid is empty"), message);
    }

    @Test
    void batchLargerThanTheDataSet() throws IOException {
        String message = runFails(GOOD.replace("batch: 8", "batch: 500"));
        assertTrue(message.contains("bad.yaml:6: batch is 500, larger than the 60 training examples"), message);
        assertTrue(message.contains("batch: full"), message);
    }

    @Test
    void unwritableOutputFolder() throws IOException {
        // A regular file as the parent: no one, root included, can create a folder inside it.
        Path file = write("plain.txt", "not a folder");
        String message = fails("run", write("good2.yaml", GOOD).toString(), "--out", file.resolve("run").toString(),
                "--no-report", "--module", MODULE);
        assertTrue(message.contains("cannot write to"), message);
        assertTrue(message.contains("--out"), message);
    }

    @Test
    void folderHoldingAnotherRunWithoutResume() throws IOException {
        Path other = write("other.yaml", GOOD.replace("name: good", "name: other").replace("sgd(lr=0.1)", "adam"));
        String message = fails("run", other.toString(), "--out", existingRun.toString(), "--no-report", "--module", MODULE);
        assertTrue(message.contains("already holds a run of experiment 'good'; add --resume"), message);
        String resumed = fails("run", other.toString(), "--out", existingRun.toString(), "--resume", "--no-report",
                "--module", MODULE);
        assertTrue(resumed.contains("holds a run of a different experiment"), resumed);
    }

    @Test
    void aModuleRebindingAnExistingNameIsRefused() throws IOException {
        String message = fails("list", "--module", "org.optbench.harness.cli.BadInputTest$RebindsAdam");
        // In plain words, not Guice's "Duplicate key" message.
        assertTrue(message.contains("binds the optimizer 'adam', which optbench already has; rename it"), message);
    }

    /** A user module that binds a name optbench already has. */
    public static final class RebindsAdam extends com.google.inject.AbstractModule {
        @com.google.inject.multibindings.ProvidesIntoMap
        @com.google.inject.multibindings.StringMapKey("adam")
        org.optbench.harness.wiring.OptimizerFactory adam() {
            return org.optbench.harness.wiring.Factories.optimizer("adam", "a second adam", java.util.List.of(),
                    values -> new org.optbench.optimizers.Sgd(0.1));
        }
    }

    @Test
    void modelOnlyRegularizersOnAFunction() throws IOException {
        String message = runFails("dataset: quartic\noptimizer: sgd\nregularizers: [early-stopping]\n");
        assertTrue(message.contains("bad.yaml:3: regularizers: dropout and early-stopping need a model"), message);
    }

    @Test
    void unknownDataSetToFetch() throws IOException {
        String message = fails("data", "fetch", "cifar");
        assertTrue(message.contains("unknown data set 'cifar'; fetchable: mnist, fashion-mnist"), message);
    }

    @Test
    void unknownModuleClass() throws IOException {
        String message = fails("list", "--module", "com.example.Missing");
        assertTrue(message.contains("--module com.example.Missing: class not found"), message);
    }

    @Test
    void dataSetMissingAndNotFetchable() throws Exception {
        assertTrue(ChildJvm.classpathReady());
        Path data = Files.createDirectories(folder.resolve("empty-data"));
        Path file = write("mnist.yaml", GOOD.replace("blobs(classes=3, dim=2, n=60)", "mnist"));
        Path log = folder.resolve("child.log");
        // A PATH without npm: the fetch cannot run.
        Process child = ChildJvm.cli(folder, log, Map.of("PATH", folder.resolve("no-tools").toString()), "run",
                file.toString(), "--out", folder.resolve("mnist-run").toString(), "--data-dir", data.toString(), "--no-report",
                "--module", MODULE).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        // Standard output and error share the log: keep the error line, drop the JVM's notice and the progress note.
        String output = Files.readString(log).replaceAll("(?m)^(WARNING: Using incubator modules|loading mnist).*\\R", "").strip();
        assertEquals(2, child.exitValue(), output);
        assertFalse(output.contains("\n"), "one line: " + output);
        assertTrue(output.contains("npm"), output);
        assertFalse(Files.exists(folder.resolve("mnist-run").resolve("trials.csv")), output);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text);
    }

    private static Map<String, String> snapshot(Path directory) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try {
                    hashes.put(directory.relativize(file).toString(),
                            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return hashes;
    }
}
