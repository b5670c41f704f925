package org.optbench.benchmarks.race;

import java.util.Locale;
import org.optbench.harness.kernels.MatMul;

/**
 * The machine's SGEMM rate as optbench's own kernel reaches it: {@code C = A·B} on square n×n float matrices
 * (default n = 2048, 2n³ = 17.2 GFLOP per product) with {@code threads} threads, one warm-up product, then the
 * fastest of {@code repeats} timed products, printed as {@code gflops=…} (wall clock) and {@code gflops_cpu=…} (per
 * second of the JVM's CPU time). {@code race.sh} divides each race
 * configuration's effective rate by the larger of this and OpenBLAS's rate on the same product
 * ({@code race_torch.py --peak}), measured in the same run.
 *
 * <p>Arguments: {@code n=2048 threads=1 repeats=3}.
 */
public final class Peak {

    private Peak() {
    }

    public static void main(String[] args) {
        int n = 2048;
        int threads = 1;
        int repeats = 3;
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("peak: arguments are key=value, got " + arg);
            }
            switch (pair[0]) {
                case "n" -> n = Integer.parseInt(pair[1]);
                case "threads" -> threads = Integer.parseInt(pair[1]);
                case "repeats" -> repeats = Integer.parseInt(pair[1]);
                default -> throw new IllegalArgumentException("peak: unknown argument " + pair[0]
                        + "; use n=, threads=, repeats=");
            }
        }
        float[] a = new float[n * n];
        float[] b = new float[n * n];
        float[] c = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i % 17) / 17f - 0.5f;
            b[i] = (i % 13) / 13f - 0.5f;
        }
        MatMul matMul = new MatMul(threads);
        matMul.multiply(n, n, n, a, 0, n, b, 0, n, c, 0, n, false);
        double best = Double.POSITIVE_INFINITY;
        double bestCpu = Double.POSITIVE_INFINITY;
        for (int repeat = 0; repeat < repeats; repeat++) {
            long cpu = Race.processCpuNanos();
            long start = System.nanoTime();
            matMul.multiply(n, n, n, a, 0, n, b, 0, n, c, 0, n, false);
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
            bestCpu = Math.min(bestCpu, (Race.processCpuNanos() - cpu) / 1e9);
        }
        double flops = 2.0 * n * n * n;
        // gflops_cpu: per second of CPU time over all threads; for threads=1 the rate of a core not shared.
        System.out.printf(Locale.ROOT, "peak n=%d threads=%d seconds=%.4f gflops=%.1f gflops_cpu=%.1f check=%.3f%n", n,
                threads, best, flops / best / 1e9, flops / bestCpu / 1e9, c[n * n / 2 + n / 3]);
    }
}
