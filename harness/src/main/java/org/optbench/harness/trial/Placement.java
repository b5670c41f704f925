package org.optbench.harness.trial;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.optbench.harness.kernels.MatMul;

/**
 * Where a trial ran, written to {@code placement.csv} beside {@code trials.csv}: so that times can be read per
 * machine, and so that a worker started without the Vector API (about 10× slower on the models' matrix products)
 * shows in the results instead of passing silently.
 *
 * @param host the worker's host name
 * @param executor the engine's worker id: {@code local} for local threads, Spark's executor id ({@code driver} for
 *     {@code local[N]}, which runs tasks in the driver JVM)
 * @param cpu the CPU model ({@code /proc/cpuinfo}), or {@code unknown}
 * @param kernel the matrix kernel the worker JVM used: {@code vector} or {@code plain-java} ({@link MatMul#kernel()})
 */
public record Placement(String host, String executor, String cpu, String kernel) implements Serializable {
    private static final String HOST = hostName();
    private static final String CPU = cpuModel();

    /** This JVM, as the engine names it. */
    public static Placement thisJvm(String executor) {
        return new Placement(HOST, executor, CPU, MatMul.kernel());
    }

    /** {@code executor 1 on host-a}, for messages. */
    public String describe() {
        return "executor " + executor + " on " + host;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
