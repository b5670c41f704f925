package org.optbench.benchmarks.kernels;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.optbench.harness.kernels.MatMul;

/**
 * Quick GFLOP/s per shape without the JMH runner (for a first look while iterating on kernels; the published
 * numbers come from {@link MatMulBenchmark}). Arguments: threads (default 1), seconds per shape (default 1), and
 * optionally a substring of the shape names to run. Prints wall-clock and thread-CPU GFLOP/s (the second is less
 * disturbed by other processes on a shared machine).
 */
public final class QuickKernelTimes {

    private QuickKernelTimes() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 1;
        String filter = args.length > 2 ? args[2] : "";
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        MatMul matMul = new MatMul(threads);
        System.out.printf("vector API: %s, threads %d%n", MatMul.vectorized(), threads);
        double sink = 0;
        for (Shapes.Shape shape : Shapes.ALL) {
            if (!shape.name().contains(filter)) {
                continue;
            }
            Shapes.Operands operands = shape.operands();
            // Warm-up by time and by count: on a loaded machine 0.3 s may hold only a few slow, not yet compiled runs.
            long deadline = System.nanoTime() + (long) (seconds * 0.3e9);
            for (int warm = 0; warm < 50 || System.nanoTime() < deadline; warm++) {
                operands.run(matMul);
            }
            long start = System.nanoTime();
            long cpuStart = cpu.getCurrentThreadCpuTime();
            long runs = 0;
            deadline = start + (long) (seconds * 1e9);
            long now;
            do {
                operands.run(matMul);
                runs++;
                now = System.nanoTime();
            } while (now < deadline);
            sink += operands.result()[0];
            double perRun = (now - start) / 1e9 / runs;
            double cpuPerRun = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9 / runs;
            System.out.printf("%-22s %s m=%6d n=%4d k=%6d  %8.1f us  %6.1f GFLOP/s wall  %6.1f GFLOP/s cpu%n",
                    shape.name(), shape.form(), shape.m(), shape.n(), shape.k(), perRun * 1e6,
                    shape.flops() / perRun / 1e9, shape.flops() / cpuPerRun / 1e9);
        }
        if (sink == 42) {
            System.out.println();
        }
    }
}
