package org.optbench.benchmarks.data;

import java.util.Locale;
import java.util.SplittableRandom;
import org.optbench.datasets.BatchPlan;
import org.optbench.datasets.DataDirectory;
import org.optbench.datasets.DataSplit;
import org.optbench.datasets.Dataset;
import org.optbench.datasets.ImageDataset;
import org.optbench.datasets.ImageDatasets;
import org.optbench.datasets.ImageLoadOptions;
import org.optbench.datasets.LastBatchPolicy;
import org.optbench.datasets.Standardization;
import org.optbench.harness.models.Activation;
import org.optbench.harness.models.Mlp;
import org.optbench.harness.models.Model;
import org.optbench.harness.models.OutputLoss;
import org.optbench.optimizers.Momentum;
import org.optbench.optimizers.OptimizerState;

/**
 * What reading real MNIST costs a trial: one epoch of the 784-128-10 MLP (momentum, batch 64) on the 60,000
 * training images and one evaluation of the 10,000 test images, each timed after a warm-up epoch, the fastest of
 * {@code repeats}, wall and process CPU seconds. Uses only APIs that older builds have, so the same class times an
 * older build's data path ({@code java -cp <this class>:<old optbench.jar>}): the difference is the cost of
 * converting rows from bytes. Arguments: {@code [standardize=none] [repeats=5]}.
 */
public final class MnistEpoch {

    private MnistEpoch() {
    }

    public static void main(String[] args) {
        Standardization standardization = Standardization.NONE;
        int repeats = 5;
        for (String argument : args) {
            String[] pair = argument.split("=", 2);
            switch (pair[0]) {
                case "standardize" -> standardization = Standardization.byId(pair[1]);
                case "repeats" -> repeats = Integer.parseInt(pair[1]);
                default -> throw new IllegalArgumentException("mnist-epoch: unknown argument " + argument
                        + "; use standardize=none|global|per-pixel repeats=N");
            }
        }
        Dataset data = ImageDatasets.load(ImageDataset.MNIST, ImageLoadOptions.defaults().withValidation(0)
                .withStandardization(standardization), DataDirectory.resolve(null));
        DataSplit train = data.train();
        Model model = new Mlp(784, new int[] {128}, Activation.RELU, 10, OutputLoss.SOFTMAX_CROSS_ENTROPY, null, 1);
        float[] theta = new float[model.dimension()];
        model.initialize(theta, new SplittableRandom(1));
        Momentum rule = new Momentum(0.01, 0.9);
        OptimizerState state = rule.init(theta.length);
        BatchPlan plan = new BatchPlan(train.count(), 64, LastBatchPolicy.KEEP);
        int[] order = new int[train.count()];
        SplittableRandom shuffle = new SplittableRandom(2);
        epoch(model, train, plan, order, shuffle, theta, state, rule.learningRate());
        model.evaluate(theta, data.test());
        double epochWall = Double.MAX_VALUE, epochCpu = Double.MAX_VALUE, evalWall = Double.MAX_VALUE, evalCpu = Double.MAX_VALUE;
        double loss = 0;
        for (int repeat = 0; repeat < repeats; repeat++) {
            long cpu = cpuNanos();
            long start = System.nanoTime();
            loss = epoch(model, train, plan, order, shuffle, theta, state, rule.learningRate());
            epochWall = Math.min(epochWall, (System.nanoTime() - start) / 1e9);
            epochCpu = Math.min(epochCpu, (cpuNanos() - cpu) / 1e9);
            cpu = cpuNanos();
            start = System.nanoTime();
            model.evaluate(theta, data.test());
            evalWall = Math.min(evalWall, (System.nanoTime() - start) / 1e9);
            evalCpu = Math.min(evalCpu, (cpuNanos() - cpu) / 1e9);
        }
        System.out.printf(Locale.ROOT, "standardize=%s epoch_s=%.4f epoch_cpu_s=%.4f test_eval_s=%.4f test_eval_cpu_s=%.4f loss=%.6f%n",
                standardization.id(), epochWall, epochCpu, evalWall, evalCpu, loss);
    }

    /** CPU time of the whole JVM: on a shared machine closer to a quiet core's wall time than the wall time is. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double epoch(Model model, DataSplit train, BatchPlan plan, int[] order, SplittableRandom shuffle,
            float[] theta, OptimizerState state, double learningRate) {
        plan.shuffle(order, shuffle);
        double sum = 0;
        for (int b = 0; b < plan.batchesPerEpoch(); b++) {
            sum += state.step(theta, model.batch(train, order, plan.from(b), plan.to(b), null), learningRate);
        }
        return sum / plan.batchesPerEpoch();
    }
}
