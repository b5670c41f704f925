package org.optbench.benchmarks.race;

import java.util.Locale;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.optbench.datasets.DataSplit;
import org.optbench.harness.models.Activation;
import org.optbench.harness.models.Cnn;
import org.optbench.harness.models.Mlp;
import org.optbench.harness.models.Model;
import org.optbench.harness.models.OutputLoss;
import org.optbench.optimizers.Objective;

/**
 * optbench's side of the race against PyTorch ({@code benchmarks/race/race.sh}): trains one configuration on the
 * synthetic 60,000×784 data set that {@code race_torch.py} builds the same way, one warm-up epoch then
 * {@code repeats} timed epochs (default 1), and prints the fastest as {@code seconds=…}.
 *
 * <p>Arguments: {@code model=mlp128|mlp256|cnn optimizer=momentum|adam batch=64 threads=1 repeats=1}. The update rules are
 * written inline here (momentum {@code v ← 0.9 v − 0.01 g; θ ← θ + v}, Adam with the PyTorch defaults) so that the
 * race measures the models and kernels; both are single vectorized passes over θ.
 */
public final class Race {

    static final int COUNT = 60_000;
    static final int FEATURES = 784;
    static final int CLASSES = 10;
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

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

    public static void main(String[] args) {
        String modelName = "mlp128";
        String optimizer = "momentum";
        int batch = 64;
        int threads = 1;
        int warmupBatches = -1;
        int repeats = 1;
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
                default -> throw new IllegalArgumentException("race: unknown argument " + pair[0]
                        + "; use model=, optimizer=, batch=, threads=, warmup=, repeats=");
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
        boolean adam = switch (optimizer) {
            case "momentum" -> false;
            case "adam" -> true;
            default -> throw new IllegalArgumentException("race: optimizer must be momentum or adam, got " + optimizer);
        };
        DataSplit split = data();
        float[] theta = new float[model.dimension()];
        model.initialize(theta, new SplittableRandom(1));
        float[] gradient = new float[theta.length];
        float[] first = new float[theta.length];
        float[] second = new float[theta.length];
        int[] order = new int[COUNT];
        SplittableRandom shuffle = new SplittableRandom(2);
        long[] step = {0};
        int batches = (COUNT + batch - 1) / batch;
        double loss = epoch(model, split, order, shuffle, batch, warmupBatches < 0 ? batches : warmupBatches, theta,
                gradient, first, second, adam, step);
        // The fastest of `repeats` timed epochs: on a shared machine the minimum is the least disturbed one.
        double seconds = Double.POSITIVE_INFINITY;
        StringBuilder all = new StringBuilder();
        for (int repeat = 0; repeat < repeats; repeat++) {
            long start = System.nanoTime();
            loss = epoch(model, split, order, shuffle, batch, batches, theta, gradient, first, second, adam, step);
            double elapsed = (System.nanoTime() - start) / 1e9;
            seconds = Math.min(seconds, elapsed);
            all.append(repeat == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", elapsed));
        }
        System.out.printf(Locale.ROOT, "model=%s optimizer=%s batch=%d threads=%d seconds=%.4f epochs=%s loss=%.4f%n",
                modelName, optimizer, batch, threads, seconds, all, loss);
    }

    private static double epoch(Model model, DataSplit split, int[] order, SplittableRandom shuffle, int batch,
            int batches, float[] theta, float[] gradient, float[] first, float[] second, boolean adam, long[] step) {
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
            lossSum += objective.lossAndGradient(theta, gradient);
            step[0]++;
            if (adam) {
                adam(theta, gradient, first, second, step[0]);
            } else {
                momentum(theta, gradient, first);
            }
        }
        return lossSum / batches;
    }

    /** {@code v ← 0.9 v − 0.01 g ; θ ← θ + v} (equals PyTorch SGD(lr=0.01, momentum=0.9) with v = −lr·buf). */
    static void momentum(float[] theta, float[] gradient, float[] velocity) {
        for (int i = 0; i < theta.length; i++) {
            float v = 0.9f * velocity[i] - 0.01f * gradient[i];
            velocity[i] = v;
            theta[i] += v;
        }
    }

    /** Adam, lr 1e-3, β = (0.9, 0.999), ε = 1e-8 outside the root, bias-corrected (PyTorch's defaults). */
    static void adam(float[] theta, float[] gradient, float[] first, float[] second, long t) {
        float beta1 = 0.9f, beta2 = 0.999f;
        float stepSize = (float) (1e-3 / (1 - Math.pow(beta1, t)));
        float correction2 = (float) (1 / Math.sqrt(1 - Math.pow(beta2, t)));
        float epsilon = 1e-8f;
        int i = 0;
        int bound = SPECIES.loopBound(theta.length);
        for (; i < bound; i += SPECIES.length()) {
            FloatVector g = FloatVector.fromArray(SPECIES, gradient, i);
            FloatVector s = FloatVector.fromArray(SPECIES, first, i).mul(beta1).add(g.mul(1 - beta1));
            FloatVector r = FloatVector.fromArray(SPECIES, second, i).mul(beta2).add(g.mul(g).mul(1 - beta2));
            s.intoArray(first, i);
            r.intoArray(second, i);
            FloatVector denominator = r.lanewise(VectorOperators.SQRT).mul(correction2).add(epsilon);
            FloatVector.fromArray(SPECIES, theta, i).sub(s.mul(stepSize).div(denominator)).intoArray(theta, i);
        }
        for (; i < theta.length; i++) {
            float g = gradient[i];
            first[i] = beta1 * first[i] + (1 - beta1) * g;
            second[i] = beta2 * second[i] + (1 - beta2) * g * g;
            theta[i] -= stepSize * first[i] / ((float) Math.sqrt(second[i]) * correction2 + epsilon);
        }
    }
}
