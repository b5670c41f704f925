package org.optbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.harness.run.ExperimentRunner;
import org.optbench.harness.run.Progress;
import org.optbench.harness.trial.TrialExecutor;
import org.optbench.harness.wiring.Registry;
import org.optbench.harness.wiring.Wiring;
import org.optbench.harness.testing.RunFilesCompare;
import org.optbench.reports.TrialStatus;

/**
 * The same experiment on local threads and on Spark gives byte-identical trials.csv, curves.csv and trace files,
 * time columns aside: a grid with a plug-in module's optimizer and model ({@code --module}), MNIST (a subset) and an
 * analytic function, on {@code local[2]} (tasks in this JVM) and on {@code local-cluster[2,1,1024]} (two executor JVMs
 * wiring themselves from the plain worker setup).
 */
class SparkSameResultsTest {
    static final String MODULE = "org.optbench.harness.testing.TestComponentsModule";
    static final String EXPERIMENT = """
            name: spark-same
            dataset: [mnist, rosenbrock]
            model: test-softmax
            optimizer:
              - sgd(lr=0.05)
              - sign-sgd(lr=0.001)
              - adam(lr=0.001)
            epochs: 2
            batch: 100
            subset: 1000
            steps: 200
            repeats: 2
            """;
    /** 2 data sets × 3 optimizers × 2 repeats. */
    static final int TRIALS = 12;

    @TempDir
    static Path folder;
    static Path local;

    @BeforeAll
    static void runOnLocalThreads() throws Exception {
        local = run("local", null);
    }

    @Test
    void localTwoGivesTheSameFiles() throws Exception {
        Path spark = run("spark-local", new SparkTrialExecutor(SparkExecutors.conf("local[2]", Map.of(), null, null)));
        assertSameFiles(local, spark);
        // local[N] runs tasks in the driver JVM, which Spark names "driver"; local threads are "local".
        assertEquals(Collections.nCopies(TRIALS, "driver"), column(spark, 2));
        assertEquals(Collections.nCopies(TRIALS, "local"), column(local, 2));
    }

    @Test
    void separateExecutorJvmsGiveTheSameFiles() throws Exception {
        // local-cluster launches executors from SPARK_HOME/jars (the pom points SPARK_HOME here); their classpath is
        // this test's, as on one machine, since the plug-in module lives in the harness's test classes.
        Path sparkHome = Path.of(System.getenv("SPARK_HOME"));
        Files.createDirectories(sparkHome.resolve("jars"));
        SparkConf conf = SparkExecutors.conf("local-cluster[2,1,1024]",
                Map.of("spark.executor.extraClassPath", System.getProperty("java.class.path")), null, sparkHome.toString());
        Path spark = run("spark-cluster", new SparkTrialExecutor(conf));
        assertSameFiles(local, spark);
        // Executors of a local-cluster master are separate JVMs, numbered from 0, started with the Vector API flag
        // SparkExecutors adds.
        for (String executor : column(spark, 2)) {
            assertTrue(executor.equals("0") || executor.equals("1"), executor);
        }
        assertEquals(Collections.nCopies(TRIALS, "vector"), column(spark, 4));
    }

    static Path run(String name, TrialExecutor executor) throws Exception {
        Path file = folder.resolve("spark-same.yaml");
        Files.writeString(file, EXPERIMENT);
        Path out = folder.resolve(name);
        Registry registry = Wiring.registry(List.of(MODULE));
        StringWriter log = new StringWriter();
        ExperimentRunner runner = new ExperimentRunner(registry, new Progress(new PrintWriter(log), false), executor);
        ExperimentRunner.Outcome outcome = runner.run(new ExperimentRunner.Options(file, out, List.of(), 2, false, null,
                List.of(MODULE), Set.of(), false, false, 0.05, ExperimentRunner.DEFAULT_MAX_TRIALS));
        assertEquals(TRIALS, outcome.ranNow(), log.toString());
        assertTrue(!outcome.statuses().containsKey(TrialStatus.FAILED), outcome.statuses() + "\n" + log);
        return out;
    }

    /** One column of placement.csv ({@code trial,host,executor,cpu,kernel}), by trial; checks one row per trial. */
    static List<String> column(Path run, int index) throws Exception {
        List<String> lines = Files.readAllLines(run.resolve("placement.csv"));
        assertEquals("trial,host,executor,cpu,kernel", lines.get(0));
        List<String> values = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> cells = List.of(lines.get(i).split(",", -1));
            assertEquals(String.valueOf(i - 1), cells.get(0), "rows sorted by trial, each once");
            // The CPU model (column 3) may be quoted with commas inside; the kernel is always last.
            values.add(index == 4 ? cells.get(cells.size() - 1) : cells.get(index));
        }
        return values;
    }

    static void assertSameFiles(Path expected, Path actual) throws Exception {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> list = Files.walk(expected)) {
            list.map(p -> expected.relativize(p).toString()).filter(n -> n.endsWith(".csv") && !n.equals("placement.csv")).forEach(files::add);
        }
        assertTrue(files.contains("trials.csv") && files.contains("curves.csv"), files.toString());
        assertTrue(files.stream().anyMatch(n -> n.startsWith("traces/")), "the function trials write trace files: " + files);
        for (String name : files) {
            assertTrue(Files.exists(actual.resolve(name)), name + " missing from the Spark run");
            assertEquals(RunFilesCompare.withoutTimes(expected.resolve(name)), RunFilesCompare.withoutTimes(actual.resolve(name)), name);
        }
        assertEquals(TRIALS + 1, Files.readAllLines(actual.resolve("trials.csv")).size());
    }
}
