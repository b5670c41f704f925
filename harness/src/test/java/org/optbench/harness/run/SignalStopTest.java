package org.optbench.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.harness.testing.ChildJvm;
import org.optbench.harness.testing.Cli;
import org.optbench.harness.testing.HeldExperiment;
import org.optbench.harness.testing.HoldModule;
import org.optbench.harness.testing.RunFilesCompare;

/**
 * SIGTERM and SIGINT to a running {@code optbench run} stop it cleanly: no further trial is written, the rows
 * written are whole, the manifest records the stop, the JVM exits with 143 or 130, and {@code --resume} ends
 * with the files of an uninterrupted run. While it runs, a second writer is refused with its process id.
 */
class SignalStopTest {
    static final List<String> COMPARED = List.of("trials.csv", "curves.csv", ".journal.csv", "traces/trial-6.csv",
            "traces/trial-11.csv");

    private static String[] args(Path file, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", file.toString(), "--out", out.toString(), "--threads", "2",
                "--no-report"));
        args.addAll(HeldExperiment.OPTIONS);
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** Starts a held child run and returns once its two free trials are written (the others wait). */
    private static Process startHeld(Path folder, Path file, Path out) throws Exception {
        Process child = ChildJvm.cli(folder, folder.resolve("child.log"), Map.of(HoldModule.HOLD, "1"), args(file, out)).start();
        Path trials = out.resolve("trials.csv");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && child.isAlive()) {
            if (Files.exists(trials) && Files.readAllLines(trials).size() - 1 >= HeldExperiment.FINISHED_WHEN_HELD) {
                return child;
            }
            Thread.sleep(10);
        }
        child.destroyForcibly();
        throw new AssertionError("the child did not write its first trials: " + Files.readString(folder.resolve("child.log")));
    }

    /** Whether this JVM ignores SIGINT (started in the background by a shell without job control): a child would too. */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                // Bit n - 1 of the mask stands for signal n; SIGINT is 2.
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 1)) != 0;
            }
        }
        return false;
    }

    private static void assertStoppedCleanly(Path folder, Path out, int expectedExit, Process child) throws Exception {
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child must end after the signal");
        String log = Files.readString(folder.resolve("child.log"));
        assertEquals(expectedExit, child.exitValue(), log);
        String trials = Files.readString(out.resolve("trials.csv"));
        assertTrue(trials.endsWith("\n"), "every row written is whole");
        assertEquals(HeldExperiment.FINISHED_WHEN_HELD, trials.lines().count() - 1, "no row after the signal: " + log);
        assertTrue(log.contains("stopped by a signal: 2 of 12 trials are in " + out
                + "; finish them with the same command and --resume --out " + out), log);
        JsonNode sessions = new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).get("sessions");
        JsonNode last = sessions.get(sessions.size() - 1);
        assertTrue(last.hasNonNull("stopped") && last.get("finished").isNull(), sessions.toString());
    }

    @Test
    void sigtermStopsTheRunResumablyAndASecondWriterIsRefusedMeanwhile(@TempDir Path folder) throws Exception {
        assertTrue(ChildJvm.classpathReady(), "the child JVM needs the test classpath");
        Path file = folder.resolve("held.yaml");
        Files.writeString(file, HeldExperiment.YAML);
        Path out = folder.resolve("stopped");
        Process child = startHeld(folder, file, out);

        Cli.Result second = Cli.run(args(file, out, "--resume"));
        assertEquals(2, second.code(), second.err());
        assertTrue(second.err().contains("is being written by another optbench process (pid " + child.pid() + ")"), second.err());

        child.destroy(); // SIGTERM on Unix, what kill PID, Popen.terminate() and CI timeouts send
        assertStoppedCleanly(folder, out, 143, child);

        // The lock died with the child; the resume runs the 10 trials left.
        Cli.Result resumed = Cli.run(args(file, out, "--resume"));
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("ran 10 of 12 trials"), resumed.out());
        Path clean = folder.resolve("clean");
        Cli.Result uninterrupted = Cli.run(args(file, clean));
        assertEquals(0, uninterrupted.code(), uninterrupted.err());
        for (String name : COMPARED) {
            assertEquals(RunFilesCompare.withoutTimes(clean.resolve(name)), RunFilesCompare.withoutTimes(out.resolve(name)), name);
        }
    }

    @Test
    void sigintStopsTheRunWithExitCode130(@TempDir Path folder) throws Exception {
        Assumptions.assumeFalse(sigintIgnored(), "SIGINT is ignored by this JVM (and so by its children): started in"
                + " the background by a shell without job control");
        Path file = folder.resolve("held.yaml");
        Files.writeString(file, HeldExperiment.YAML);
        Path out = folder.resolve("stopped");
        Process child = startHeld(folder, file, out);
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        assertStoppedCleanly(folder, out, 130, child);
    }
}
