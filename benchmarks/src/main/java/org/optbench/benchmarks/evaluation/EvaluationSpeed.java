package org.optbench.benchmarks.evaluation;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.optbench.datasets.DataSplit;
import org.optbench.harness.models.Activation;
import org.optbench.harness.models.Cnn;
import org.optbench.harness.models.Mlp;
import org.optbench.harness.models.Model;
import org.optbench.harness.models.OutputLoss;

/**
 * Forward-only evaluation against training's forward pass, in GFLOP/s, through the models' public API only.
 *
 * <p>Both sides run the same forward code ({@code run} without a gradient): "training's forward" is
 * {@link Model#evaluate} on a split of one training batch (64 rows, a fresh slice of the data each call, as a
 * training epoch walks the data), "evaluation" is {@link Model#evaluate} on a 10,000-row split, which the model
 * cuts into its evaluation chunks (1,000 rows for the MLPs, 250 for the CNN). The work per row is the same, so
 * the ratio of GFLOP/s is the ratio of time per row. FLOPs count the products' multiply-adds (2 per weight and
 * row; per image: 784-128-10 MLP 203,264, 784-256-128-10 MLP 435,456, default CNN 2,232,832), as in
 * docs/performance.md.
 *
 * <p>Arguments: seconds per measurement (default 2) and repetitions (default 5); prints the medians of the
 * repetitions and the median of their ratios, timed in thread CPU seconds (less disturbed by other processes on a
 * shared machine). Many short repetitions resist a shared machine's changing load better than a few long ones.
 * Run pinned:
 * {@code taskset -c 0 java -cp benchmarks/target/benchmarks.jar org.optbench.benchmarks.evaluation.EvaluationSpeed}.
 */
public final class EvaluationSpeed {

    private static final int PIXELS = 784;
    private static final int CLASSES = 10;
    private static final int ROWS = 10_000;
    private static final int TRAINING_BATCH = 64;

    private EvaluationSpeed() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        SplittableRandom random = new SplittableRandom(7);
        float[] features = new float[ROWS * PIXELS];
        int[] labels = new int[ROWS];
        for (int i = 0; i < features.length; i++) {
            features[i] = random.nextInt(4) == 0 ? random.nextFloat() : 0f; // sparse-ish, MNIST-like range
        }
        for (int i = 0; i < ROWS; i++) {
            labels[i] = random.nextInt(CLASSES);
        }
        DataSplit whole = new DataSplit("evaluation", ROWS, PIXELS, features, labels, 0, null);
        DataSplit[] batches = new DataSplit[ROWS / TRAINING_BATCH];
        for (int b = 0; b < batches.length; b++) {
            int from = b * TRAINING_BATCH;
            batches[b] = new DataSplit("batch" + b, TRAINING_BATCH, PIXELS,
                    Arrays.copyOfRange(features, from * PIXELS, (from + TRAINING_BATCH) * PIXELS),
                    Arrays.copyOfRange(labels, from, from + TRAINING_BATCH), 0, null);
        }
        System.out.printf("%-16s %12s %12s %8s   (median of %d x %.1f s, thread CPU time)%n", "model",
                "train fwd", "evaluate", "ratio", repetitions, seconds);
        measure("mlp 784-128-10", new Mlp(PIXELS, new int[] {128}, Activation.RELU, CLASSES,
                OutputLoss.SOFTMAX_CROSS_ENTROPY, null), 2.0 * (784 * 128 + 128 * 10), whole, batches, seconds,
                repetitions);
        measure("mlp 784-256-128", new Mlp(PIXELS, new int[] {256, 128}, Activation.RELU, CLASSES,
                OutputLoss.SOFTMAX_CROSS_ENTROPY, null), 2.0 * (784 * 256 + 256 * 128 + 128 * 10), whole, batches,
                seconds, repetitions);
        measure("cnn 16-32-128", new Cnn(), 2.0 * (24 * 24 * 16 * 25 + 8 * 8 * 32 * 400 + 512 * 128 + 128 * 10),
                whole, batches, seconds, repetitions);
    }

    private static void measure(String name, Model model, double flopsPerRow, DataSplit whole, DataSplit[] batches,
                                double seconds, int repetitions) {
        float[] parameters = new float[model.dimension()];
        model.initialize(parameters, new SplittableRandom(1));
        double[] training = new double[repetitions];
        double[] evaluation = new double[repetitions];
        double sink = 0;
        // Alternate the two sides so that a change of machine load hits both alike.
        for (int r = -1; r < repetitions; r++) { // r = -1 warms both up
            double[] t = rowsPerCpuSecond(seconds, () -> {
                double s = 0;
                for (DataSplit batch : batches) {
                    s += model.evaluate(parameters, batch).loss();
                }
                return s;
            }, batches.length * TRAINING_BATCH);
            double[] e = rowsPerCpuSecond(seconds, () -> model.evaluate(parameters, whole).loss(), ROWS);
            sink += t[1] + e[1];
            if (r >= 0) {
                training[r] = t[0] * flopsPerRow / 1e9;
                evaluation[r] = e[0] * flopsPerRow / 1e9;
            }
        }
        // The ratio is the median of each round's ratio: a change of machine load between rounds then moves both
        // sides of a ratio alike, where the ratio of the two medians could pair a quiet round with a busy one.
        double[] ratios = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
            ratios[r] = evaluation[r] / training[r];
        }
        System.out.printf("%-16s %8.1f GF/s %8.1f GF/s %8.2f%s%n", name, median(training), median(evaluation),
                median(ratios), sink == 42 ? " " : "");
    }

    /** Runs {@code work} (which covers {@code rows} rows) for about {@code seconds}; {rows per CPU second, sink}. */
    private static double[] rowsPerCpuSecond(double seconds, java.util.function.DoubleSupplier work, int rows) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long start = cpu.getCurrentThreadCpuTime();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long runs = 0;
        double sink = 0;
        do {
            sink += work.getAsDouble();
            runs++;
        } while (System.nanoTime() < deadline);
        double cpuSeconds = (cpu.getCurrentThreadCpuTime() - start) / 1e9;
        return new double[] {runs * rows / cpuSeconds, sink};
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
