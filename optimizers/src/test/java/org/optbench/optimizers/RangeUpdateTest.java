package org.optbench.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.optbench.optimizers.regularizers.L2;
import org.optbench.optimizers.regularizers.RegularizerSet;

/**
 * Every built-in rule passes its per-parameter update to {@link Objective#forEachRange}, which a model with spare
 * cores cuts into pieces run on several threads. The reference is the same rule stepped on the default objective,
 * one range on the calling thread: a rule whose update reads or writes outside its piece, or skips part of it, or
 * depends on the order of the pieces, gives different parameters.
 */
class RangeUpdateTest {

    private static final int N = 2500;
    private static final ExecutorService OTHER = Executors.newSingleThreadExecutor();

    @AfterAll
    static void stop() {
        OTHER.shutdownNow();
    }

    /** g_i = s_i (θ_i − t_i): a mix of parameters whose gradient keeps its sign and ones that overshoot. */
    private static Objective quadratic(double[] scale, double[] target) {
        return TestObjectives.of(N, (x, g) -> {
            double loss = 0;
            for (int i = 0; i < N; i++) {
                double error = x[i] - target[i];
                g[i] = scale[i] * error;
                loss += 0.5 * scale[i] * error * error;
            }
            return loss;
        });
    }

    /**
     * {@code base} with its updates cut into uneven pieces (1, 7, 100, 1,000 elements and the rest), run last piece
     * first, every other piece on another thread; counts how often each index is updated.
     */
    private static Objective cut(Objective base, AtomicIntegerArray updates) {
        return new Objective() {
            @Override
            public int dimension() {
                return base.dimension();
            }

            @Override
            public double lossAndGradient(float[] point, float[] gradientOut) {
                return base.lossAndGradient(point, gradientOut);
            }

            @Override
            public void forEachRange(int length, RangeUpdate update) {
                List<int[]> pieces = new ArrayList<>();
                int from = 0;
                for (int size : new int[] {1, 7, 100, 1000}) {
                    int to = Math.min(length, from + size);
                    pieces.add(new int[] {from, to});
                    from = to;
                }
                pieces.add(new int[] {from, length});
                for (int p = pieces.size() - 1; p >= 0; p--) {
                    int[] piece = pieces.get(p);
                    Runnable run = () -> {
                        update.apply(piece[0], piece[1]);
                        for (int i = piece[0]; i < piece[1]; i++) {
                            updates.incrementAndGet(i);
                        }
                    };
                    if (p % 2 == 0) {
                        run.run();
                    } else {
                        try {
                            OTHER.submit(run).get();
                        } catch (Exception e) {
                            throw new AssertionError(e);
                        }
                    }
                }
            }
        };
    }

    @Test
    void everyRuleGivesTheSameParametersWhateverPiecesItsUpdateIsCutInto() {
        double[] scale = new double[N];
        double[] target = new double[N];
        float[] start = new float[N];
        for (int i = 0; i < N; i++) {
            scale[i] = 0.1 + 3.0 * ((i * 7919) % N) / N;
            target[i] = Math.sin(i);
            start[i] = (float) Math.cos(i);
        }
        List<Optimizer> rules = List.of(new Sgd(0.1), new Momentum(0.1, 0.9), new Nesterov(0.1, 0.9),
                new NesterovSimplified(0.1, 0.9), new AdaGrad(0.1, 1e-10), new RmsProp(0.01, 0.9, 1e-8, false),
                new RmsProp(0.01, 0.9, 1e-8, true), new AdaDelta(0.9, 1e-6, 1.0),
                new Adam(0.01, 0.9, 0.999, 1e-8, false), new Adam(0.01, 0.9, 0.999, 1e-8, true),
                new AdamW(0.01, 0.9, 0.999, 1e-8, 0.01), new AmsGrad(0.01, 0.9, 0.999, 1e-8),
                new DeltaBarDelta(0.5, 0.05, 0.3, 0.7));
        Objective plain = quadratic(scale, target);
        for (Optimizer rule : rules) {
            float[] reference = start.clone();
            float[] pieces = start.clone();
            OptimizerState one = rule.init(N);
            OptimizerState split = rule.init(N);
            AtomicIntegerArray updates = new AtomicIntegerArray(N);
            Objective cut = cut(plain, updates);
            for (int step = 0; step < 5; step++) {
                double rate = 0.5 / (1 + step);
                double expectedLoss = one.step(reference, plain, rate);
                assertEquals(expectedLoss, split.step(pieces, cut, rate), 0.0, rule + ", loss of step " + step);
                for (int i = 0; i < N; i++) {
                    assertEquals(Float.floatToRawIntBits(reference[i]), Float.floatToRawIntBits(pieces[i]),
                            rule + ", parameter " + i + " after step " + step);
                }
            }
            // Each piece covers its indices once per pass: Nesterov makes two passes per step (look-ahead, update).
            int passes = rule instanceof Nesterov ? 2 : 1;
            for (int i = 0; i < N; i++) {
                assertEquals(5 * passes, updates.get(i), rule + ", passes over parameter " + i);
            }
        }
    }

    @Test
    void aPenalizedObjectiveCutsTheUpdateAsItsBaseDoes() {
        double[] scale = new double[N];
        double[] target = new double[N];
        java.util.Arrays.fill(scale, 1.0);
        AtomicIntegerArray updates = new AtomicIntegerArray(N);
        Objective penalized = new RegularizerSet(List.of(new L2(0.1)))
                .penalized(cut(quadratic(scale, target), updates), ParameterLayout.allWeights(N));
        float[] theta = new float[N];
        java.util.Arrays.fill(theta, 1f);
        new Momentum(0.1, 0.9).init(N).step(theta, penalized, 0.1);
        for (int i = 0; i < N; i++) {
            assertEquals(1, updates.get(i), "parameter " + i);
        }
    }
}
