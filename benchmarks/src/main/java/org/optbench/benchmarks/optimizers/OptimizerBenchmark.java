package org.optbench.benchmarks.optimizers;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.optbench.optimizers.AdaDelta;
import org.optbench.optimizers.AdaGrad;
import org.optbench.optimizers.Adam;
import org.optbench.optimizers.AdamW;
import org.optbench.optimizers.AmsGrad;
import org.optbench.optimizers.DeltaBarDelta;
import org.optbench.optimizers.Momentum;
import org.optbench.optimizers.Nesterov;
import org.optbench.optimizers.NesterovSimplified;
import org.optbench.optimizers.Objective;
import org.optbench.optimizers.Optimizer;
import org.optbench.optimizers.OptimizerState;
import org.optbench.optimizers.RmsProp;
import org.optbench.optimizers.Sgd;

/**
 * One update of every optimizer on 10⁶ and 10⁷ float parameters, next to a STREAM triad
 * ({@code a[i] = b[i] + s · c[i]}) over float arrays of the same length, both reported as memory traffic.
 *
 * <p>Traffic is counted STREAM-style: every array element read or written once per update counts 4 bytes
 * (write-allocate reads are not counted, for the triad as for the optimizers). Per parameter:
 * <pre>
 *   triad                 12 B   read b, c; write a
 *   sgd                   12 B   read g, θ; write θ
 *   momentum              20 B   read g, v, θ; write v, θ
 *   nesterov              32 B   pass 1 read θ, v, write θ̃; pass 2 read g, v, θ, write v, θ
 *   nesterov-simplified   20 B   read g, v, Θ; write v, Θ
 *   adagrad               20 B   read g, r, θ; write r, θ
 *   rmsprop               20 B   read g, r, θ; write r, θ
 *   adadelta              28 B   read g, r, s, θ; write r, s, θ
 *   adam                  28 B   read g, s, r, θ; write s, r, θ
 *   adamw                 28 B   read g, s, r, θ; write s, r, θ
 *   amsgrad               36 B   read g, s, r, m, θ; write s, r, m, θ
 *   delta-bar-delta       28 B   read g, η, δ̄, θ; write η, δ̄, θ
 * </pre>
 * The secondary result {@code bytes} (an {@link AuxCounters} counter, in bytes per second) is that count times
 * the updates per second; {@code benchmarks/optimizer-bandwidth.sh} prints it as GB/s with the ratio to the
 * triad of the same size.
 *
 * <p>The objective hands out a fixed gradient (written into the state's gradient buffer on the first call and
 * left there), so only the update itself is measured. The state lives for the whole trial: with that constant
 * gradient every rule stays finite and free of subnormals for far more updates than a run makes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms3g", "-Xmx3g"})
public class OptimizerBenchmark {

    /** Bytes of parameter, gradient and state traffic per parameter and update (see the class comment). */
    static final Map<String, Integer> BYTES_PER_PARAMETER = Map.ofEntries(
            Map.entry(Sgd.NAME, 12),
            Map.entry(Momentum.NAME, 20),
            Map.entry(Nesterov.NAME, 32),
            Map.entry(NesterovSimplified.NAME, 20),
            Map.entry(AdaGrad.NAME, 20),
            Map.entry(RmsProp.NAME, 20),
            Map.entry(AdaDelta.NAME, 28),
            Map.entry(Adam.NAME, 28),
            Map.entry(AdamW.NAME, 28),
            Map.entry(AmsGrad.NAME, 36),
            Map.entry(DeltaBarDelta.NAME, 28));

    /** Bytes per element of the triad: read b and c, write a. */
    static final int TRIAD_BYTES_PER_ELEMENT = 12;

    /** The memory traffic of the measured operations, reported by JMH as a rate next to the primary score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Traffic {
        /** Bytes moved; JMH divides by the iteration time. */
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    /** One optimizer's state on {@code size} parameters, with a fixed gradient. */
    @State(Scope.Thread)
    public static class Update {
        @Param({"1000000", "10000000"})
        public int size;

        @Param({"sgd", "momentum", "nesterov", "nesterov-simplified", "adagrad", "rmsprop", "adadelta", "adam",
                "adamw", "amsgrad", "delta-bar-delta"})
        public String optimizer;

        float[] theta;
        OptimizerState state;
        Objective gradient;
        double learningRate;
        long bytesPerUpdate;

        @Setup(Level.Trial)
        public void setUp() {
            Optimizer rule = switch (optimizer) {
                case Sgd.NAME -> new Sgd(1e-3);
                case Momentum.NAME -> new Momentum(1e-3, 0.9);
                case Nesterov.NAME -> new Nesterov(1e-3, 0.9);
                case NesterovSimplified.NAME -> new NesterovSimplified(1e-3, 0.9);
                case AdaGrad.NAME -> new AdaGrad();
                case RmsProp.NAME -> new RmsProp(1e-3, 0.9, 1e-7, false);
                case AdaDelta.NAME -> new AdaDelta();
                case Adam.NAME -> new Adam();
                case AdamW.NAME -> new AdamW();
                case AmsGrad.NAME -> new AmsGrad();
                case DeltaBarDelta.NAME -> new DeltaBarDelta(1e-3, 1e-6, 0.1, 0.7);
                default -> throw new IllegalArgumentException("no optimizer " + optimizer);
            };
            learningRate = rule.learningRate();
            theta = randomArray(size, 1);
            state = rule.init(size);
            gradient = new FixedGradient(randomArray(size, 2));
            bytesPerUpdate = (long) BYTES_PER_PARAMETER.get(optimizer) * size;
        }
    }

    /** The triad's three arrays of {@code size} floats. */
    @State(Scope.Thread)
    public static class Triad {
        @Param({"1000000", "10000000"})
        public int size;

        float[] a;
        float[] b;
        float[] c;
        float scalar = 0.5f;

        @Setup(Level.Trial)
        public void setUp() {
            a = new float[size];
            b = randomArray(size, 3);
            c = randomArray(size, 4);
        }
    }

    @Benchmark
    public double update(Update update, Traffic traffic) {
        traffic.bytes += update.bytesPerUpdate;
        return update.state.step(update.theta, update.gradient, update.learningRate);
    }

    @Benchmark
    public void triad(Triad triad, Traffic traffic) {
        float[] a = triad.a;
        float[] b = triad.b;
        float[] c = triad.c;
        float s = triad.scalar;
        int n = a.length;
        for (int i = 0; i < n; i++) {
            a[i] = b[i] + s * c[i];
        }
        traffic.bytes += (long) TRIAD_BYTES_PER_ELEMENT * n;
    }

    /** Values of magnitude in [0.1, 1) with random signs: no zeros, no subnormals on the way. */
    static float[] randomArray(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            float magnitude = 0.1f + 0.9f * random.nextFloat();
            values[i] = random.nextBoolean() ? magnitude : -magnitude;
        }
        return values;
    }

    /**
     * Writes a fixed gradient into the buffer it is given the first time it sees that buffer, then returns at
     * once: the update is measured without any gradient computation or copy.
     */
    static final class FixedGradient implements Objective {
        private final float[] values;
        private float[] filled;

        FixedGradient(float[] values) {
            this.values = values;
        }

        @Override
        public int dimension() {
            return values.length;
        }

        @Override
        public double lossAndGradient(float[] point, float[] gradientOut) {
            if (gradientOut != filled) {
                System.arraycopy(values, 0, gradientOut, 0, values.length);
                filled = gradientOut;
            }
            return 0;
        }
    }
}
