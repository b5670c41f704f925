package org.optbench.harness.testing;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
