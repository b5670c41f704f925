package org.optbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The default build stays free of Spark: harness/target/optbench.jar, which ./optbench runs without
 * {@code --executor spark}, holds no Spark or Scala class (the harness module reaches the engine only through
 * ServiceLoader), while it does hold the harness itself.
 */
class OptbenchJarHasNoSparkTest {

    @Test
    void optbenchJarHasNoSparkClasses() throws Exception {
        Path jar = Path.of("").toAbsolutePath().getParent().resolve("harness/target/optbench.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is missing: the harness is packaged before this module in mvn verify");
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> spark = file.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("org/apache/spark/") || n.startsWith("scala/")).limit(5).toList();
            assertEquals(List.of(), spark, "Spark or Scala classes in optbench.jar");
            assertTrue(file.getEntry("org/optbench/harness/cli/Main.class") != null, "the jar must hold the CLI");
            assertTrue(file.getEntry("org/optbench/harness/trial/ClusterExecutors.class") != null);
        }
    }
}
