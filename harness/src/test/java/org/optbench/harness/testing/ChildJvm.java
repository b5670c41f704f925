package org.optbench.harness.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts the CLI in a separate JVM with the test classpath, for crash and environment tests. */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** A builder for {@code java ... org.optbench.harness.cli.Main args}, output to {@code log}. */
    public static ProcessBuilder cli(Path workingDirectory, Path log, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-modules=jdk.incubator.vector");
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.optbench.harness.cli.Main");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder;
    }

    /**
     * Kills the child ({@code kill -9}) once {@code trialsCsv} holds at least {@code rows} trial rows, or when
     * {@code timeoutSeconds} have passed or it ended by itself; returns how many trial rows it wrote. The file must
     * exist by then ({@code log} is shown if not).
     */
    public static int killAfterRows(Process child, Path trialsCsv, int rows, int timeoutSeconds, Path log)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline && child.isAlive() && trialRows(trialsCsv) < rows) {
            Thread.sleep(5);
        }
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertTrue(Files.exists(trialsCsv), "the child wrote no trials.csv: " + Files.readString(log));
        return trialRows(trialsCsv);
    }

    private static int trialRows(Path trialsCsv) throws IOException {
        return Files.exists(trialsCsv) ? Files.readAllLines(trialsCsv).size() - 1 : 0;
    }

    /** The test classpath has this module's test classes (sanity check for child JVMs). */
    public static boolean classpathReady() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith("test-classes")) {
                return true;
            }
        }
        return false;
    }

}
