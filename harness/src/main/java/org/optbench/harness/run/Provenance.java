package org.optbench.harness.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Where a run ran: optbench version, git commit, JVM, operating system, CPU. */
public final class Provenance {

    private Provenance() {
    }

    /** optbench's version from the build, or {@code unknown} when run from unpackaged classes. */
    public static String version() {
        try (InputStream in = Provenance.class.getResourceAsStream("/org/optbench/harness/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * {@code git rev-parse HEAD} of the optbench checkout (the folder the launcher exports as {@code OPTBENCH_HOME},
     * else the working directory), or null outside a git checkout or without git.
     */
    public static String gitCommit() {
        try {
            String home = System.getenv("OPTBENCH_HOME");
            ProcessBuilder builder = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true);
            if (home != null && Files.isDirectory(Path.of(home))) {
                builder.directory(Path.of(home).toFile());
            }
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(5, TimeUnit.SECONDS) || process.exitValue() != 0 || !output.matches("[0-9a-f]{40}")) {
                process.destroyForcibly();
                return null;
            }
            return output;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The CPU model from /proc/cpuinfo (Linux), else the architecture. */
    public static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        try {
            if (Files.isReadable(cpuinfo)) {
                for (String line : Files.readAllLines(cpuinfo)) {
                    if (line.startsWith("model name")) {
                        return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall back below
        }
        return System.getProperty("os.arch");
    }

    /** JVM and operating system facts. */
    public static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("java_version", System.getProperty("java.version"));
        machine.put("java_vendor", System.getProperty("java.vendor"));
        machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        machine.put("cpu", cpuModel());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        return machine;
    }
}
