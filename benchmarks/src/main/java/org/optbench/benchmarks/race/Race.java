package org.optbench.benchmarks.race;

import java.util.Locale;
import java.util.SplittableRandom;
import org.optbench.datasets.DataSplit;
import org.optbench.harness.models.Activation;
import org.optbench.harness.models.Cnn;
import org.optbench.harness.models.Mlp;
import org.optbench.harness.models.Model;
import org.optbench.harness.models.OutputLoss;
import org.optbench.optimizers.Adam;
import org.optbench.optimizers.Momentum;
import org.optbench.optimizers.Objective;
import org.optbench.optimizers.Optimizer;
import org.optbench.optimizers.OptimizerState;

/**
 * optbench's side of the race against PyTorch ({@code benchmarks/race/race.sh}): trains one configuration on the
 * synthetic 60,000×784 data set that {@code race_torch.py} builds the same way, one warm-up epoch then
 * {@code repeats} timed epochs (default 1), and prints the fastest as {@code seconds=…}, with the effective rate
 * {@code gflops=…}: {@link #flopsPerExample} × 60,000 examples divided by that time.
 *
 * <p>Arguments: {@code model=mlp128|mlp256|cnn optimizer=momentum|adam batch=64 threads=1 repeats=1 versus=0}.
 * With {@code versus=N}, each repeat trains one epoch on {@code threads} and one on N threads in the same JVM, the
 * order swapped from repeat to repeat, and the line reports both sides' median epoch and the median of the repeats'
 * ratios ({@code speedup=}, threads' time over N's): on a machine whose speed drifts from minute to minute, epochs a
 * second apart compare better than separate runs (see docs/performance.md, "Threads"). The update rules are
 * the optimizer module's own ({@code momentum(lr=0.01, momentum=0.9)}, equal to PyTorch
 * {@code SGD(lr=0.01, momentum=0.9)}, and {@code adam} with PyTorch's defaults), stepped as the harness's trial loop
 * steps them, so the race measures what a user's run does.
 */
public final class Race {

    static final int COUNT = 60_000;
    static final int FEATURES = 784;
    static final int CLASSES = 10;

    private Race() {
    }

    /**
     * The synthetic data both sides build: {@code x[i][j] = ((i·131 + j·29 + (i·j mod 7)) mod 256) / 255}
     * (float32 division, exact on both sides) and {@code label[i] = (i·7 + i / 13) mod 10}.
     */
    static DataSplit data() {
        float[] x = new float[COUNT * FEATURES];
        int[] labels = new int[COUNT];
        for (int i = 0; i < COUNT; i++) {
            for (int j = 0; j < FEATURES; j++) {
                long value = ((long) i * 131 + j * 29L + ((long) i * j) % 7) % 256;
                x[i * FEATURES + j] = (float) value / 255f;
            }
            labels[i] = (i * 7 + i / 13) % 10;
        }
        return new DataSplit("train", COUNT, FEATURES, x, labels, 0, null);
    }

    /**
     * Floating-point operations of one training example (a multiply-add counts 2), counting only the matrix
     * products the model does: the forward product, the weight gradient and, except for the first layer, the
     * input gradient of every layer (3 × 2·in·out per dense layer, 2 × for the first). For the CNN (c1 = 16,
     * c2 = 32, d = 128) that is conv1 forward and ∇W (2 × 2·576·25·16), conv2 forward, ∇W and ∇patches
     * (3 × 2·64·400·32) and the dense layers with the input gradient of the first, which the convolutions need
     * (3 × 2·(512·128 + 128·10)): 6,237,696 FLOP, 374 GFLOP per 60,000-example epoch; the 784-128-10 MLP:
     * 409,088 FLOP, 24.5 GFLOP per epoch; 784-256-128-10: 1,007,104, 60.4 GFLOP.
     */
    static long flopsPerExample(String model) {
        return switch (model) {
            case "mlp128" -> dense(new int[] {FEATURES, 128, CLASSES}, false);
            case "mlp256" -> dense(new int[] {FEATURES, 256, 128, CLASSES}, false);
            case "cnn" -> 2L * 2 * 576 * 25 * 16 + 3L * 2 * 64 * 400 * 32 + dense(new int[] {512, 128, CLASSES}, true);
            default -> throw new IllegalArgumentException("race: model must be mlp128, mlp256 or cnn, got " + model);
        };
    }

    private static long dense(int[] sizes, boolean inputGradient) {
        long flops = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            long products = (long) sizes[l] * sizes[l + 1];
            flops += (l > 0 || inputGradient ? 3 : 2) * 2 * products;
        }
        return flops;
    }

    public static void main(String[] args) {
        String modelName = "mlp128";
        String optimizer = "momentum";
        int batch = 64;
        int threads = 1;
        int warmupBatches = -1;
        int repeats = 1;
        int versus = 0;
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("race: arguments are key=value, got " + arg);
            }
            switch (pair[0]) {
                case "model" -> modelName = pair[1];
                case "optimizer" -> optimizer = pair[1];
                case "batch" -> batch = Integer.parseInt(pair[1]);
                case "threads" -> threads = Integer.parseInt(pair[1]);
                case "warmup" -> warmupBatches = Integer.parseInt(pair[1]);
                case "repeats" -> repeats = Integer.parseInt(pair[1]);
                case "versus" -> versus = Integer.parseInt(pair[1]);
                default -> throw new IllegalArgumentException("race: unknown argument " + pair[0]
                        + "; use model=, optimizer=, batch=, threads=, warmup=, repeats=, versus=");
            }
        }
        Model model = switch (modelName) {
            case "mlp128" -> new Mlp(FEATURES, new int[] {128}, Activation.RELU, CLASSES,
                    OutputLoss.SOFTMAX_CROSS_ENTROPY, null, threads);
            case "mlp256" -> new Mlp(FEATURES, new int[] {256, 128}, Activation.RELU, CLASSES,
                    OutputLoss.SOFTMAX_CROSS_ENTROPY, null, threads);
            case "cnn" -> new Cnn(16, 32, 128, CLASSES, null, threads);
            default -> throw new IllegalArgumentException("race: model must be mlp128, mlp256 or cnn, got " + modelName);
        };
        Optimizer rule = switch (optimizer) {
            case "momentum" -> new Momentum(0.01, 0.9);
            case "adam" -> new Adam();
            default -> throw new IllegalArgumentException("race: optimizer must be momentum or adam, got " + optimizer);
        };
        DataSplit split = data();
        float[] theta = new float[model.dimension()];
        model.initialize(theta, new SplittableRandom(1));
        OptimizerState state = rule.init(theta.length);
        int[] order = new int[COUNT];
        SplittableRandom shuffle = new SplittableRandom(2);
        int batches = (COUNT + batch - 1) / batch;
        double loss = epoch(model, split, order, shuffle, batch, warmupBatches < 0 ? batches : warmupBatches, theta,
                state, rule.learningRate());
        if (versus > 0) {
            paired(model, modelName, optimizer, batch, threads, versus, repeats, split, order, shuffle, batches, theta,
                    state, rule.learningRate(), warmupBatches < 0 ? batches : warmupBatches);
            return;
        }
        // The fastest of `repeats` timed epochs: on a shared machine the minimum is the least disturbed one.
        double seconds = Double.POSITIVE_INFINITY;
        double cpuSeconds = Double.POSITIVE_INFINITY;
        StringBuilder all = new StringBuilder();
        for (int repeat = 0; repeat < repeats; repeat++) {
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            loss = epoch(model, split, order, shuffle, batch, batches, theta, state, rule.learningRate());
            double elapsed = (System.nanoTime() - start) / 1e9;
            seconds = Math.min(seconds, elapsed);
            cpuSeconds = Math.min(cpuSeconds, (processCpuNanos() - cpu) / 1e9);
            all.append(repeat == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", elapsed));
        }
        double gflops = (double) flopsPerExample(modelName) * COUNT / seconds / 1e9;
        System.out.printf(Locale.ROOT,
                "model=%s optimizer=%s batch=%d threads=%d seconds=%.4f gflops=%.1f cpu_seconds=%.4f epochs=%s"
                        + " loss=%.4f%n",
                modelName, optimizer, batch, threads, seconds, gflops, cpuSeconds, all, loss);
    }

    /** The {@code versus=} mode: epochs on {@code threads} and on {@code versus} threads, alternated. */
    private static void paired(Model model, String modelName, String optimizer, int batch, int threads, int versus,
            int repeats, DataSplit split, int[] order, SplittableRandom shuffle, int batches, float[] theta,
            OptimizerState state, double learningRate, int warmupBatches) {
        int[] share = {versus};
        model.shareThreads(() -> share[0]);
        epoch(model, split, order, shuffle, batch, warmupBatches, theta, state, learningRate);
        double[] one = new double[repeats];
        double[] other = new double[repeats];
        double[] ratios = new double[repeats];
        double loss = 0;
        for (int repeat = 0; repeat < repeats; repeat++) {
            for (int side = 0; side < 2; side++) {
                boolean first = (side == 0) == (repeat % 2 == 0);
                share[0] = first ? threads : versus;
                long start = System.nanoTime();
                loss = epoch(model, split, order, shuffle, batch, batches, theta, state, learningRate);
                double elapsed = (System.nanoTime() - start) / 1e9;
                (first ? one : other)[repeat] = elapsed;
            }
            ratios[repeat] = one[repeat] / other[repeat];
        }
        System.out.printf(Locale.ROOT,
                "model=%s optimizer=%s batch=%d threads=%d versus=%d seconds=%.4f versus_seconds=%.4f speedup=%.3f"
                        + " ratios=%s loss=%.4f%n",
                modelName, optimizer, batch, threads, versus, median(one), median(other), median(ratios),
                list(ratios), loss);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String list(double[] values) {
        StringBuilder text = new StringBuilder();
        for (double value : values) {
            text.append(text.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", value));
        }
        return text.toString();
    }

    /**
     * CPU time of the whole JVM (all threads, JIT and GC included). On a machine shared with other work, a
     * 1-thread epoch's CPU time is close to its wall time on a quiet core, while its wall time also counts the
     * time other processes held the core.
     */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double epoch(Model model, DataSplit split, int[] order, SplittableRandom shuffle, int batch,
            int batches, float[] theta, OptimizerState state, double learningRate) {
        for (int i = 0; i < COUNT; i++) {
            order[i] = i;
        }
        for (int i = COUNT - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        double lossSum = 0;
        for (int b = 0; b < batches; b++) {
            int from = b * batch;
            int to = Math.min(COUNT, from + batch);
            Objective objective = model.batch(split, order, from, to, null);
            lossSum += state.step(theta, objective, learningRate);
        }
        return lossSum / batches;
    }
}
