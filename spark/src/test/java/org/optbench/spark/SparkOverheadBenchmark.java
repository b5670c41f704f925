package org.optbench.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.optbench.harness.run.ExperimentRunner;
import org.optbench.harness.trial.LocalTrialExecutor;
import org.optbench.harness.trial.Trial;
import org.optbench.harness.trial.TrialExecutor;
import org.optbench.harness.trial.TrialWorkers;
import org.optbench.harness.trial.WorkerSetup;
import org.optbench.harness.wiring.DataOptions;
import org.optbench.harness.wiring.Registry;
import org.optbench.harness.wiring.Wiring;

/**
 * A benchmark, not a test (docs/spark.md, "Overhead and scaling"): per-trial overhead of an executor, and wall time of
 * a grid of 40 real trials.
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -cp "spark/target/test-classes:spark/target/spark-home/jars/*" \
 *     org.optbench.spark.SparkOverheadBenchmark overhead|grid local|MASTER [repeats]
 * </pre>
 *
 * <p>{@code overhead}: trials of one Rosenbrock step (microseconds of work), so their wall time is the executor's
 * cost. For Spark, {@code (T(41 trials) - T(1 trial)) / 40}, which removes the context's start and stop; for local
 * threads {@code T(41) / 41}. {@code grid}: 40 trials of softmax regression on blobs (one epoch each), the wall
 * time of the whole job including the context's start, for comparing 1 and 2 workers. Medians of the repeats.
 */
public final class SparkOverheadBenchmark {

    private SparkOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: SparkOverheadBenchmark overhead|grid local|MASTER [repeats]");
            System.exit(2);
        }
        String what = args[0];
        String master = args[1];
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Registry registry = Wiring.registry(List.of());
        WorkerSetup setup = WorkerSetup.of(List.of(), new DataOptions(null, 0, 0, "none", 0), 0);
        TrialExecutor executor = master.equals("local") ? new LocalTrialExecutor(2, TrialWorkers::runner)
                : new SparkTrialExecutor(SparkExecutors.conf(master, Map.of(), null, System.getenv("SPARK_HOME")));
        if (what.equals("overhead")) {
            List<Trial> many = trials(registry, """
                    name: overhead
                    dataset: rosenbrock
                    optimizer: sgd(lr=0.0001)
                    steps: 1
                    repeats: 41
                    """);
            double[] perTrial = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                double all = seconds(executor, many, setup);
                if (master.equals("local")) {
                    perTrial[r] = all / many.size();
                } else {
                    double one = seconds(executor, many.subList(0, 1), setup);
                    perTrial[r] = (all - one) / (many.size() - 1);
                }
                System.out.printf(Locale.ROOT, "repeat %d: %.1f ms per trial%n", r, perTrial[r] * 1e3);
            }
            System.out.printf(Locale.ROOT, "%s overhead: median %.1f ms per trial over %d repeats%n", master,
                    median(perTrial) * 1e3, repeats);
        } else {
            List<Trial> grid = trials(registry, """
                    name: grid
                    dataset: blobs(classes=10, dim=50, n=3000)
                    model: softmax
                    optimizer: sgd(lr=[0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2])
                    epochs: 1
                    batch: 10
                    repeats: 5
                    """);
            double[] wall = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                wall[r] = seconds(executor, grid, setup);
                System.out.printf(Locale.ROOT, "repeat %d: %.2f s for %d trials%n", r, wall[r], grid.size());
            }
            System.out.printf(Locale.ROOT, "%s grid: median %.2f s for %d trials over %d repeats%n", master, median(wall),
                    grid.size(), repeats);
        }
    }

    private static List<Trial> trials(Registry registry, String yaml) throws Exception {
        Path file = Files.createTempFile("optbench-benchmark", ".yaml");
        try {
            Files.writeString(file, yaml);
            return new ExperimentRunner(registry, null).load(file, List.of()).trials(registry::isFunction);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static double seconds(TrialExecutor executor, List<Trial> trials, WorkerSetup setup) throws InterruptedException {
        List<Integer> done = new ArrayList<>();
        long start = System.nanoTime();
        executor.execute(trials, setup, result -> done.add(result.trial().id()));
        double seconds = (System.nanoTime() - start) / 1e9;
        if (done.size() != trials.size()) {
            throw new IllegalStateException(done.size() + " of " + trials.size() + " results");
        }
        return seconds;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
