package org.optbench.spark;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkEnv;
import org.optbench.harness.kernels.MatMul;

/**
 * Where a trial ran: so that times can be read per machine, and so that an executor started without the Vector API
 * (about 10× slower on the models' matrix products) shows in the results instead of passing silently.
 *
 * @param host the executor's host name
 * @param executor Spark's executor id ({@code driver} for {@code local[N]})
 * @param cpu the CPU model ({@code /proc/cpuinfo}), or {@code unknown}
 * @param kernel the matrix kernel the executor used: {@code vector} or {@code plain-java} ({@link MatMul#kernel()})
 */
public record Placement(String host, String executor, String cpu, String kernel) implements Serializable {

    private static volatile Placement here;

    /** This JVM's placement, computed once. */
    static Placement here() {
        Placement placement = here;
        if (placement == null) {
            SparkEnv env = SparkEnv.get();
            placement = new Placement(hostName(), env == null ? "none" : env.executorId(), cpuModel(), MatMul.kernel());
            here = placement;
        }
        return placement;
    }

    /** {@code executor 1 on host-a}, for messages. */
    String describe() {
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
