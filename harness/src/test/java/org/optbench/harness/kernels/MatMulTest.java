package org.optbench.harness.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class MatMulTest {

    /**
     * Shapes around every tile edge: 6/4/2/1-row tiles (and 6k + 2 rows as 4 + 4), 16- and 8-column panels, scalar
     * tails, k = 1, and one-vector-wide products (16 or 17 columns with 16-lane vectors) whose rows take the 12-, 8-,
     * 4- and 1-row narrow tiles (25 = 12 + 12 + 1, 37 = 3·12 + 1, 23 = 12 + 8 + 1 + 1 + 1, 30 = 2·12 + 4 + 1 + 1),
     * and a vector-wide tail after a wide panel (50 = 32 + 16 + 2 columns), which keeps the 4-row tile.
     */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {7, 13, 5}, {6, 16, 3}, {11, 33, 17}, {64, 10, 128}, {5, 25, 37}, {13, 40, 1}, {4, 24, 9},
        {17, 130, 31}, {2, 7, 64}, {14, 19, 23}, {8, 16, 5}, {128, 33, 7}, {25, 16, 300}, {37, 17, 4},
        {23, 16, 9}, {30, 16, 25}, {13, 50, 9},
    };

    private static float[] random(int length, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return values;
    }

    /** Naive triple loop in double: the reference. */
    private static double[] naive(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff,
            int brs, int bcs, float[] c0, int cOff, int ldc, boolean accumulate) {
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = accumulate ? c0[cOff + i * ldc + j] : 0;
                for (int p = 0; p < k; p++) {
                    sum += (double) a[aOff + i * ars + p * acs] * b[bOff + p * brs + j * bcs];
                }
                out[i * n + j] = sum;
            }
        }
        return out;
    }

    private static void assertClose(double[] expected, float[] c, int cOff, int ldc, int m, int n, int k, String what) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                // Worst-case rounding of a float sum of k products of magnitude <= 1 is about k * 2^-24 * k < 6e-8 k^2;
                // 1e-6 (k + 1)^2 is above it and below the size of one missing or misplaced term (order 0.1 to 1).
                assertEquals(expected[i * n + j], c[cOff + i * ldc + j], 1e-6 * (k + 1) * (k + 1) + 1e-6,
                        what + " at (" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void allThreeProductsMatchTheNaiveLoopOnOddShapesWithOffsetsAndStrides() {
        for (int[] shape : SHAPES) {
            int m = shape[0], n = shape[1], k = shape[2];
            for (boolean accumulate : new boolean[] {false, true}) {
                for (int threads : new int[] {1, 3}) {
                    MatMul matMul = new MatMul(threads);
                    String what = m + "x" + n + "x" + k + " acc=" + accumulate + " threads=" + threads;
                    int off = 3, pad = 2;
                    // A·B: A m×k (lda = k + pad), B k×n (ldb = n + pad)
                    float[] a = random(off + m * (k + pad), 1);
                    float[] b = random(off + k * (n + pad), 2);
                    float[] c = random(off + m * (n + pad), 3);
                    float[] c0 = c.clone();
                    matMul.multiply(m, n, k, a, off, k + pad, b, off, n + pad, c, off, n + pad, accumulate);
                    assertClose(naive(m, n, k, a, off, k + pad, 1, b, off, n + pad, 1, c0, off, n + pad, accumulate),
                            c, off, n + pad, m, n, k, "A·B " + what);
                    // Aᵀ·B: A k×m (lda = m + pad)
                    a = random(off + k * (m + pad), 4);
                    c = c0.clone();
                    matMul.multiplyTransposedA(m, n, k, a, off, m + pad, b, off, n + pad, c, off, n + pad, accumulate);
                    assertClose(naive(m, n, k, a, off, 1, m + pad, b, off, n + pad, 1, c0, off, n + pad, accumulate),
                            c, off, n + pad, m, n, k, "Aᵀ·B " + what);
                    // A·Bᵀ: A m×k, B n×k (ldb = k + pad)
                    a = random(off + m * (k + pad), 5);
                    b = random(off + n * (k + pad), 6);
                    c = c0.clone();
                    matMul.multiplyTransposedB(m, n, k, a, off, k + pad, b, off, k + pad, c, off, n + pad, accumulate);
                    assertClose(naive(m, n, k, a, off, k + pad, 1, b, off, 1, k + pad, c0, off, n + pad, accumulate),
                            c, off, n + pad, m, n, k, "A·Bᵀ " + what);
                }
            }
        }
    }

    @Test
    void resultsAreBitwiseIdenticalForAnyThreadCount() {
        int m = 64, n = 784, k = 128;
        float[] a = random(k * m, 7);
        float[] b = random(k * n, 8);
        float[] one = new float[m * n];
        new MatMul(1).multiplyTransposedA(m, n, k, a, 0, m, b, 0, n, one, 0, n, false);
        for (int threads = 2; threads <= 5; threads++) {
            float[] many = new float[m * n];
            new MatMul(threads).multiplyTransposedA(m, n, k, a, 0, m, b, 0, n, many, 0, n, false);
            assertArrayEquals(one, many, "threads=" + threads);
        }
        // Row-partitioned case (few column panels): 16 columns, many rows.
        float[] x = random(3000 * 25, 9);
        float[] w = random(16 * 25, 10);
        float[] single = new float[3000 * 16];
        float[] dual = new float[3000 * 16];
        new MatMul(1).multiplyTransposedB(3000, 16, 25, x, 0, 25, w, 0, 25, single, 0, 16, false);
        new MatMul(2).multiplyTransposedB(3000, 16, 25, x, 0, 25, w, 0, 25, dual, 0, 16, false);
        assertArrayEquals(single, dual);
    }

    /**
     * Row steps: on every shape (cut by rows, cut by columns, and too small to split) and thread count, {@code before}
     * and {@code after} cover each row of C exactly once, {@code before} comes before the row is computed (it writes
     * the bias the product accumulates onto) and {@code after} once the row is complete (it finds the whole row
     * equal to the fused multiply-add chains computed here from the bias).
     */
    @Test
    void rowStepsRunOnceOnEveryRowBeforeAndAfterItIsComputed() {
        // 256×64×784: 43 row tiles (cut by rows on 1–3 threads); 10×784×256: 2 row tiles, 25 panels (by columns);
        // 25×16×4096: one vector wide, cut into 12-row chunks (the CNN's conv1 weight gradient over 64 pixels an
        // example); 13×7×5: below the parallel threshold.
        int[][] shapes = {{256, 64, 784}, {10, 784, 256}, {25, 16, 4096}, {13, 7, 5}};
        for (int[] shape : shapes) {
            int m = shape[0], n = shape[1], k = shape[2];
            float[] a = random(m * k, 21);
            float[] bias = random(m, 22);
            for (int form = 0; form < 3; form++) {
                // form 0: A·B with B k×n; 1: Aᵀ·B with A stored k×m; 2: A·Bᵀ with B stored n×k.
                float[] b = random(k * n, 23 + form);
                float[] expected = new float[m * n];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        float acc = bias[i];
                        for (int p = 0; p < k; p++) {
                            acc = Math.fma(a[i * k + p], form == 2 ? b[j * k + p] : b[p * n + j], acc);
                        }
                        expected[i * n + j] = acc;
                    }
                }
                float[] at = new float[k * m];
                for (int i = 0; i < m; i++) {
                    for (int p = 0; p < k; p++) {
                        at[p * m + i] = a[i * k + p];
                    }
                }
                for (int threads = 1; threads <= 3; threads++) {
                    String what = m + "x" + n + "x" + k + " form " + form + " threads=" + threads;
                    float[] c = random(m * n, 30);
                    AtomicIntegerArray befores = new AtomicIntegerArray(m);
                    AtomicIntegerArray afters = new AtomicIntegerArray(m);
                    AtomicIntegerArray incomplete = new AtomicIntegerArray(m);
                    MatMul.Rows before = (from, to) -> {
                        for (int i = from; i < to; i++) {
                            befores.incrementAndGet(i);
                            java.util.Arrays.fill(c, i * n, (i + 1) * n, bias[i]);
                        }
                    };
                    MatMul.Rows after = (from, to) -> {
                        for (int i = from; i < to; i++) {
                            afters.incrementAndGet(i);
                            for (int j = 0; j < n; j++) {
                                int bits = Float.floatToRawIntBits(c[i * n + j]);
                                if (bits != Float.floatToRawIntBits(expected[i * n + j])) {
                                    incomplete.incrementAndGet(i);
                                    break;
                                }
                            }
                        }
                    };
                    MatMul matMul = new MatMul(threads);
                    if (form == 0) {
                        matMul.multiply(m, n, k, a, 0, k, b, 0, n, c, 0, n, true, before, after);
                    } else if (form == 1) {
                        matMul.multiplyTransposedA(m, n, k, at, 0, m, b, 0, n, c, 0, n, true, before, after);
                    } else {
                        matMul.multiplyTransposedB(m, n, k, a, 0, k, b, 0, k, c, 0, n, true, before, after);
                    }
                    for (int i = 0; i < m; i++) {
                        assertEquals(1, befores.get(i), "before on row " + i + ", " + what);
                        assertEquals(1, afters.get(i), "after on row " + i + ", " + what);
                        assertEquals(0, incomplete.get(i), "row " + i + " incomplete when after ran, " + what);
                    }
                    assertArrayEquals(expected, c, what);
                }
            }
        }
    }

    /**
     * On several threads each thread packs its own copy of Bᵀ at its first chunk of a call: a later call must never
     * use a copy packed for an earlier one (same shape with new values, then another shape, then the first values
     * again), on the same instance.
     */
    @Test
    void everyCallOnSeveralThreadsPacksItsOwnOperand() {
        // 130 × 64 × 130: 22 row tiles and above the parallel threshold, so cut by rows on 2 and 3 threads.
        int[][] shapes = {{130, 64, 130}, {130, 64, 130}, {200, 40, 150}, {130, 64, 130}};
        long[] seeds = {41, 42, 43, 41};
        for (int threads = 2; threads <= 3; threads++) {
            MatMul shared = new MatMul(threads);
            for (int call = 0; call < shapes.length; call++) {
                int m = shapes[call][0], n = shapes[call][1], k = shapes[call][2];
                float[] a = random(m * k, 40);
                float[] b = random(n * k, seeds[call]);
                float[] fresh = new float[m * n];
                new MatMul(1).multiplyTransposedB(m, n, k, a, 0, k, b, 0, k, fresh, 0, n, false);
                float[] reused = new float[m * n];
                shared.multiplyTransposedB(m, n, k, a, 0, k, b, 0, k, reused, 0, n, false);
                assertArrayEquals(fresh, reused, "call " + call + " on " + threads + " threads");
            }
        }
    }

    /**
     * The determinism contract: every element, whatever tile computes it, is the float chain
     * {@code acc = fma(A(i, p), B(p, j), acc)} over p ascending from 0, so it equals that chain computed here with
     * {@link Math#fma} bit for bit. Shapes of the CNN's convolution products (scaled down in k where k is the batch's
     * pixels), each in the form the model uses.
     */
    @Test
    void everyElementIsTheSequentialFusedMultiplyAddChainBitForBit() {
        int[][] shapes = {{576, 16, 25}, {25, 16, 1152}, {64, 32, 400}, {32, 400, 512}, {64, 400, 32}, {50, 8, 77}};
        for (int[] shape : shapes) {
            int m = shape[0], n = shape[1], k = shape[2];
            float[] a = random(m * k, 11);
            float[] b = random(k * n, 12);
            float[] expected = new float[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    float acc = 0f;
                    for (int p = 0; p < k; p++) {
                        acc = Math.fma(a[i * k + p], b[p * n + j], acc);
                    }
                    expected[i * n + j] = acc;
                }
            }
            for (int threads : new int[] {1, 2}) {
                float[] c = new float[m * n];
                new MatMul(threads).multiply(m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
                assertArrayEquals(expected, c, "A·B " + m + "x" + n + "x" + k + " threads=" + threads);
                // Aᵀ·B on the transposed copy of A, and A·Bᵀ on the transposed copy of B: the same chains.
                float[] at = new float[k * m];
                float[] bt = new float[n * k];
                for (int i = 0; i < m; i++) {
                    for (int p = 0; p < k; p++) {
                        at[p * m + i] = a[i * k + p];
                    }
                }
                for (int p = 0; p < k; p++) {
                    for (int j = 0; j < n; j++) {
                        bt[j * k + p] = b[p * n + j];
                    }
                }
                c = new float[m * n];
                new MatMul(threads).multiplyTransposedA(m, n, k, at, 0, m, b, 0, n, c, 0, n, false);
                assertArrayEquals(expected, c, "Aᵀ·B " + m + "x" + n + "x" + k + " threads=" + threads);
                c = new float[m * n];
                new MatMul(threads).multiplyTransposedB(m, n, k, a, 0, k, bt, 0, k, c, 0, n, false);
                assertArrayEquals(expected, c, "A·Bᵀ " + m + "x" + n + "x" + k + " threads=" + threads);
            }
        }
    }

    @Test
    void rejectsAThreadCountOutOfRange() {
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new MatMul(0));
        assertEquals("matmul: threads must be in [1, 256], got 0", error.getMessage());
    }
}
