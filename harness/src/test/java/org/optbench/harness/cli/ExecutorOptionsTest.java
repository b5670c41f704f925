package org.optbench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.harness.testing.Cli;

/**
 * {@code --executor}, {@code --master} and {@code --conf} mistakes are one line and exit 2 before anything is written;
 * without the spark module on the classpath (as in the harness and optbench.jar), {@code --executor spark} says how
 * to get it.
 */
class ExecutorOptionsTest {

    private static void fails(Path out, String expected, String... args) {
        Cli.Result result = Cli.run(args);
        assertEquals(2, result.code(), result.err());
        String message = result.err().strip();
        assertFalse(message.contains("\n") || message.contains("\tat "), message);
        assertTrue(message.contains(expected), message);
        assertFalse(Files.exists(out), "nothing may be written");
    }

    @Test
    void clusterOptionsNeedACluster(@TempDir Path folder) {
        Path out = folder.resolve("run");
        fails(out, "--master and --conf configure a cluster", "run", "--out", out.toString(), "--master", "local[2]");
        fails(out, "--master and --conf configure a cluster", "run", "--out", out.toString(), "--conf", "spark.x=1");
        fails(out, "unknown executor; use local or spark", "run", "--out", out.toString(), "--executor", "dask");
        fails(out, "expected KEY=VALUE", "run", "--out", out.toString(), "--executor", "spark", "--conf", "novalue");
    }

    @Test
    void sparkIsNotInTheHarness(@TempDir Path folder) {
        Path out = folder.resolve("run");
        fails(out, "the Spark executor is not on the classpath; start the run with ./optbench", "run", "--out", out.toString(),
                "--executor", "spark");
    }
}
