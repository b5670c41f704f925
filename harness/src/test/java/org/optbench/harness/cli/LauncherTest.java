package org.optbench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.harness.testing.HeldExperiment;
import org.optbench.harness.testing.HoldModule;

/**
 * The {@code ./optbench} launcher: the JVM replaces it (the launcher's process id is the JVM's, so
 * {@code kill PID} reaches it and stops the run with 143), and the incubator notice is filtered from standard
 * error without losing or delaying optbench's own lines. The launcher is run from a copy whose jar is an empty
 * one and whose classes come from {@code OPTBENCH_CLASSPATH} (this test's classpath), so nothing is built.
 */
class LauncherTest {
    static final String NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector";

    @TempDir
    Path root;
    Path launcher;

    @BeforeEach
    void aLauncherCopyWithAnEmptyJar() throws IOException {
        launcher = root.resolve("optbench");
        Files.copy(Path.of("..", "optbench"), launcher);
        Path jar = root.resolve("harness/target/optbench.jar");
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream empty = new JarOutputStream(out, new Manifest())) {
            empty.flush();
        }
    }

    private ProcessBuilder launch(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("bash", launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
                .redirectOutput(root.resolve("out.log").toFile()).redirectError(root.resolve("err.log").toFile());
        builder.environment().put("OPTBENCH_CLASSPATH", System.getProperty("java.class.path"));
        builder.environment().put("JAVA_OPTS", "-Xmx512m");
        return builder;
    }

    @Test
    void aUserErrorReachesStandardErrorWholeAndWithoutTheNotice() throws Exception {
        Process process = launch("run", "missing.yaml").start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        // Read at once: the line must be there when the command returns, not whenever the filter gets to it.
        String err = Files.readString(root.resolve("err.log"));
        assertEquals(2, process.exitValue(), err);
        assertEquals("optbench: experiment file missing.yaml does not exist; give the path of a .yaml file (or no file"
                + " for the quickstart)\n", err);
    }

    @Test
    void theLaunchersProcessIsTheJvmAndSigtermStopsTheRun() throws Exception {
        Path file = root.resolve("held.yaml");
        Files.writeString(file, HeldExperiment.YAML);
        Path out = root.resolve("run");
        List<String> args = new java.util.ArrayList<>(List.of("run", file.toString(), "--out", out.toString(), "--threads",
                "2", "--no-report"));
        args.addAll(HeldExperiment.OPTIONS);
        ProcessBuilder builder = launch(args.toArray(String[]::new));
        builder.environment().put(HoldModule.HOLD, "1");
        Process process = builder.start();
        Path trials = out.resolve("trials.csv");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()
                && !(Files.exists(trials) && Files.readAllLines(trials).size() > HeldExperiment.FINISHED_WHEN_HELD)) {
            Thread.sleep(10);
        }
        String command = process.toHandle().info().command().orElse("");
        assertTrue(command.endsWith("/java"), "the launcher's process must be the JVM (exec), is " + command);
        process.destroy(); // SIGTERM to the launcher's process id
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String log = Files.readString(root.resolve("out.log"));
        assertEquals(143, process.exitValue(), log + Files.readString(root.resolve("err.log")));
        assertTrue(log.contains("stopped by a signal"), log);
        assertFalse(Files.readString(root.resolve("err.log")).contains(NOTICE));
    }
}
