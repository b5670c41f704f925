package org.optbench.benchmarks.kernels;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.optbench.harness.kernels.MatMul;

/**
 * Time per matrix product for every shape one training step of the benchmark models runs ({@link Shapes}),
 * with the Vector API micro-kernels ({@code kernel=vector}) and the plain-Java fallback ({@code kernel=plain},
 * what runs when {@code jdk.incubator.vector} is absent). GFLOP/s = {@code 2·m·n·k / time}; docs/performance.md
 * has the table. Each parameter combination runs in its own fork, so the kernel choice (read once when
 * {@link MatMul} is loaded) can differ between them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class MatMulBenchmark {

    @Param({"mlp128.fwd1.b64", "mlp128.dW1.b64", "mlp128.fwd1.b128", "mlp128.dW1.b128", "mlp256.fwd1.b64",
            "mlp256.dW1.b64", "mlp256.fwd2.b64", "mlp256.dW2.b64", "mlp256.dH1.b64", "cnn.conv1.fwd.b64",
            "cnn.conv1.dW.b64", "cnn.conv2.fwd.b64", "cnn.conv2.dW.b64", "cnn.conv2.dCol.b64", "cnn.conv1.fwd.ex",
            "cnn.conv2.fwd.ex", "cnn.conv2.dCol.ex"})
    public String shape;

    @Param({"vector", "plain"})
    public String kernel;

    @Param({"1"})
    public int threads;

    private Shapes.Operands operands;
    private MatMul matMul;

    @Setup(Level.Trial)
    public void setUp() {
        // Must happen before MatMul is first loaded in this fork.
        System.setProperty("optbench.noVector", Boolean.toString(kernel.equals("plain")));
        operands = Shapes.byName(shape).operands();
        matMul = new MatMul(threads);
        if (MatMul.vectorized() != kernel.equals("vector")) {
            throw new IllegalStateException("matmul benchmark: asked for " + kernel + " kernels but MatMul uses "
                    + (MatMul.vectorized() ? "vector" : "plain"));
        }
    }

    @Benchmark
    public float[] product() {
        operands.run(matMul);
        return operands.result();
    }
}
