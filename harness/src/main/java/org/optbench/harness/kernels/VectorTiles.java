package org.optbench.harness.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-tiled micro-kernels on the JDK Vector API: each computes a small block of
 * {@code C(i, j) (+)= Σ_p A(i, p) · B(p, j)} keeping the block in vector registers for the whole sum.
 *
 * <p>Addressing: {@code A(i, p) = a[ai + i·ars + p·acs]} (so one kernel serves A and Aᵀ),
 * {@code B(p, j) = b[bi + p·bs + j]}, {@code C(i, j) = c[ci + i·ldc + j]}.
 *
 * <p>Every element is accumulated as {@code acc = fma(A(i, p), B(p, j), acc)} for p = 0, 1, … in order, starting
 * from 0 or from C: the same sequence of fused operations as {@link ScalarTiles}, so the result of an element does
 * not depend on which tile computed it. That is what makes any partition of the output across threads bitwise
 * reproducible.
 *
 * <p>6 rows × 2 vectors is the largest tile whose 12 accumulators, 2 B vectors and 1 broadcast fit the 16 AVX2
 * registers (BLIS uses the same shape on Haswell/Zen).
 */
final class VectorTiles {

    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector. */
    static final int LANES = SPECIES.length();
    /** Columns of the wide tile. */
    static final int WIDTH = 2 * LANES;

    private VectorTiles() {
    }

    static void rows6(int k, float[] a, int ai, int ars, int acs, float[] b, int bi, int bs, float[] c, int ci,
            int ldc, boolean accumulate) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        int r0 = ci, r1 = ci + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc;
        if (accumulate) {
            c00 = FloatVector.fromArray(SPECIES, c, r0);
            c01 = FloatVector.fromArray(SPECIES, c, r0 + LANES);
            c10 = FloatVector.fromArray(SPECIES, c, r1);
            c11 = FloatVector.fromArray(SPECIES, c, r1 + LANES);
            c20 = FloatVector.fromArray(SPECIES, c, r2);
            c21 = FloatVector.fromArray(SPECIES, c, r2 + LANES);
            c30 = FloatVector.fromArray(SPECIES, c, r3);
            c31 = FloatVector.fromArray(SPECIES, c, r3 + LANES);
            c40 = FloatVector.fromArray(SPECIES, c, r4);
            c41 = FloatVector.fromArray(SPECIES, c, r4 + LANES);
            c50 = FloatVector.fromArray(SPECIES, c, r5);
            c51 = FloatVector.fromArray(SPECIES, c, r5 + LANES);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = FloatVector.zero(SPECIES);
        }
        int a0 = ai, a1 = ai + ars, a2 = a1 + ars, a3 = a2 + ars, a4 = a3 + ars, a5 = a4 + ars;
        for (int p = 0; p < k; p++) {
            int ap = p * acs;
            int bp = bi + p * bs;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[a1 + ap]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[a2 + ap]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[a3 + ap]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, a[a4 + ap]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, a[a5 + ap]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + LANES);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + LANES);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + LANES);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + LANES);
        c40.intoArray(c, r4);
        c41.intoArray(c, r4 + LANES);
        c50.intoArray(c, r5);
        c51.intoArray(c, r5 + LANES);
    }

    static void rows4(int k, float[] a, int ai, int ars, int acs, float[] b, int bi, int bs, float[] c, int ci,
            int ldc, boolean accumulate) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
        int r0 = ci, r1 = ci + ldc, r2 = r1 + ldc, r3 = r2 + ldc;
        if (accumulate) {
            c00 = FloatVector.fromArray(SPECIES, c, r0);
            c01 = FloatVector.fromArray(SPECIES, c, r0 + LANES);
            c10 = FloatVector.fromArray(SPECIES, c, r1);
            c11 = FloatVector.fromArray(SPECIES, c, r1 + LANES);
            c20 = FloatVector.fromArray(SPECIES, c, r2);
            c21 = FloatVector.fromArray(SPECIES, c, r2 + LANES);
            c30 = FloatVector.fromArray(SPECIES, c, r3);
            c31 = FloatVector.fromArray(SPECIES, c, r3 + LANES);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = FloatVector.zero(SPECIES);
        }
        int a0 = ai, a1 = ai + ars, a2 = a1 + ars, a3 = a2 + ars;
        for (int p = 0; p < k; p++) {
            int ap = p * acs;
            int bp = bi + p * bs;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[a1 + ap]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[a2 + ap]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[a3 + ap]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + LANES);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + LANES);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + LANES);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + LANES);
    }

    static void rows2(int k, float[] a, int ai, int ars, int acs, float[] b, int bi, int bs, float[] c, int ci,
            int ldc, boolean accumulate) {
        FloatVector c00, c01, c10, c11;
        int r0 = ci, r1 = ci + ldc;
        if (accumulate) {
            c00 = FloatVector.fromArray(SPECIES, c, r0);
            c01 = FloatVector.fromArray(SPECIES, c, r0 + LANES);
            c10 = FloatVector.fromArray(SPECIES, c, r1);
            c11 = FloatVector.fromArray(SPECIES, c, r1 + LANES);
        } else {
            c00 = c01 = c10 = c11 = FloatVector.zero(SPECIES);
        }
        int a0 = ai, a1 = ai + ars;
        for (int p = 0; p < k; p++) {
            int ap = p * acs;
            int bp = bi + p * bs;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[a1 + ap]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
        }
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + LANES);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + LANES);
    }

    /**
     * Twelve rows, one vector of columns: the tile for products only one vector wide (the CNN's 16 output channels
     * with 16-lane vectors, conv1's 25×16 weight gradient). Twelve independent chains cover the FMA latency of two
     * pipelines (2 × 4 cycles needs at least 8), and the 12 accumulators, the B vector and the broadcast fit the 16
     * AVX2 registers; {@link #narrow4} alone left half the FMA slots empty on these shapes.
     */
    static void narrow12(int k, float[] a, int ai, int ars, int acs, float[] b, int bi, int bs, float[] c, int ci,
            int ldc, boolean accumulate) {
        FloatVector c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11;
        if (accumulate) {
            c0 = FloatVector.fromArray(SPECIES, c, ci);
            c1 = FloatVector.fromArray(SPECIES, c, ci + 1 * ldc);
            c2 = FloatVector.fromArray(SPECIES, c, ci + 2 * ldc);
            c3 = FloatVector.fromArray(SPECIES, c, ci + 3 * ldc);
            c4 = FloatVector.fromArray(SPECIES, c, ci + 4 * ldc);
            c5 = FloatVector.fromArray(SPECIES, c, ci + 5 * ldc);
            c6 = FloatVector.fromArray(SPECIES, c, ci + 6 * ldc);
            c7 = FloatVector.fromArray(SPECIES, c, ci + 7 * ldc);
            c8 = FloatVector.fromArray(SPECIES, c, ci + 8 * ldc);
            c9 = FloatVector.fromArray(SPECIES, c, ci + 9 * ldc);
            c10 = FloatVector.fromArray(SPECIES, c, ci + 10 * ldc);
            c11 = FloatVector.fromArray(SPECIES, c, ci + 11 * ldc);
        } else {
            c0 = c1 = c2 = c3 = c4 = c5 = c6 = c7 = c8 = c9 = c10 = c11 = FloatVector.zero(SPECIES);
        }
        for (int p = 0; p < k; p++) {
            int ap = ai + p * acs;
            FloatVector y = FloatVector.fromArray(SPECIES, b, bi + p * bs);
            c0 = FloatVector.broadcast(SPECIES, a[ap]).fma(y, c0);
            c1 = FloatVector.broadcast(SPECIES, a[ap + ars]).fma(y, c1);
            c2 = FloatVector.broadcast(SPECIES, a[ap + 2 * ars]).fma(y, c2);
            c3 = FloatVector.broadcast(SPECIES, a[ap + 3 * ars]).fma(y, c3);
            c4 = FloatVector.broadcast(SPECIES, a[ap + 4 * ars]).fma(y, c4);
            c5 = FloatVector.broadcast(SPECIES, a[ap + 5 * ars]).fma(y, c5);
            c6 = FloatVector.broadcast(SPECIES, a[ap + 6 * ars]).fma(y, c6);
            c7 = FloatVector.broadcast(SPECIES, a[ap + 7 * ars]).fma(y, c7);
            c8 = FloatVector.broadcast(SPECIES, a[ap + 8 * ars]).fma(y, c8);
            c9 = FloatVector.broadcast(SPECIES, a[ap + 9 * ars]).fma(y, c9);
            c10 = FloatVector.broadcast(SPECIES, a[ap + 10 * ars]).fma(y, c10);
            c11 = FloatVector.broadcast(SPECIES, a[ap + 11 * ars]).fma(y, c11);
        }
        c0.intoArray(c, ci);
        c1.intoArray(c, ci + 1 * ldc);
        c2.intoArray(c, ci + 2 * ldc);
        c3.intoArray(c, ci + 3 * ldc);
        c4.intoArray(c, ci + 4 * ldc);
        c5.intoArray(c, ci + 5 * ldc);
        c6.intoArray(c, ci + 6 * ldc);
        c7.intoArray(c, ci + 7 * ldc);
        c8.intoArray(c, ci + 8 * ldc);
        c9.intoArray(c, ci + 9 * ldc);
        c10.intoArray(c, ci + 10 * ldc);
        c11.intoArray(c, ci + 11 * ldc);
    }

    /** Eight rows, one vector of columns: the remainder of {@link #narrow12}, still enough chains for two FMA pipelines. */
    static void narrow8(int k, float[] a, int ai, int ars, int acs, float[] b, int bi, int bs, float[] c, int ci,
            int ldc, boolean accumulate) {
        FloatVector c0, c1, c2, c3, c4, c5, c6, c7;
        if (accumulate) {
            c0 = FloatVector.fromArray(SPECIES, c, ci);
            c1 = FloatVector.fromArray(SPECIES, c, ci + 1 * ldc);
            c2 = FloatVector.fromArray(SPECIES, c, ci + 2 * ldc);
            c3 = FloatVector.fromArray(SPECIES, c, ci + 3 * ldc);
            c4 = FloatVector.fromArray(SPECIES, c, ci + 4 * ldc);
            c5 = FloatVector.fromArray(SPECIES, c, ci + 5 * ldc);
            c6 = FloatVector.fromArray(SPECIES, c, ci + 6 * ldc);
            c7 = FloatVector.fromArray(SPECIES, c, ci + 7 * ldc);
        } else {
            c0 = c1 = c2 = c3 = c4 = c5 = c6 = c7 = FloatVector.zero(SPECIES);
        }
        for (int p = 0; p < k; p++) {
            int ap = ai + p * acs;
            FloatVector y = FloatVector.fromArray(SPECIES, b, bi + p * bs);
            c0 = FloatVector.broadcast(SPECIES, a[ap]).fma(y, c0);
            c1 = FloatVector.broadcast(SPECIES, a[ap + ars]).fma(y, c1);
            c2 = FloatVector.broadcast(SPECIES, a[ap + 2 * ars]).fma(y, c2);
            c3 = FloatVector.broadcast(SPECIES, a[ap + 3 * ars]).fma(y, c3);
            c4 = FloatVector.broadcast(SPECIES, a[ap + 4 * ars]).fma(y, c4);
            c5 = FloatVector.broadcast(SPECIES, a[ap + 5 * ars]).fma(y, c5);
            c6 = FloatVector.broadcast(SPECIES, a[ap + 6 * ars]).fma(y, c6);
            c7 = FloatVector.broadcast(SPECIES, a[ap + 7 * ars]).fma(y, c7);
        }
        c0.intoArray(c, ci);
        c1.intoArray(c, ci + 1 * ldc);
        c2.intoArray(c, ci + 2 * ldc);
        c3.intoArray(c, ci + 3 * ldc);
        c4.intoArray(c, ci + 4 * ldc);
        c5.intoArray(c, ci + 5 * ldc);
        c6.intoArray(c, ci + 6 * ldc);
        c7.intoArray(c, ci + 7 * ldc);
    }

    /** Four rows, one vector of columns: four independent chains hide the FMA latency. */
    static void narrow4(int k, float[] a, int ai, int ars, int acs, float[] b, int bi, int bs, float[] c, int ci,
            int ldc, boolean accumulate) {
        int r0 = ci, r1 = ci + ldc, r2 = r1 + ldc, r3 = r2 + ldc;
        FloatVector c0, c1, c2, c3;
        if (accumulate) {
            c0 = FloatVector.fromArray(SPECIES, c, r0);
            c1 = FloatVector.fromArray(SPECIES, c, r1);
            c2 = FloatVector.fromArray(SPECIES, c, r2);
            c3 = FloatVector.fromArray(SPECIES, c, r3);
        } else {
            c0 = c1 = c2 = c3 = FloatVector.zero(SPECIES);
        }
        int a0 = ai, a1 = ai + ars, a2 = a1 + ars, a3 = a2 + ars;
        for (int p = 0; p < k; p++) {
            int ap = p * acs;
            FloatVector y = FloatVector.fromArray(SPECIES, b, bi + p * bs);
            c0 = FloatVector.broadcast(SPECIES, a[a0 + ap]).fma(y, c0);
            c1 = FloatVector.broadcast(SPECIES, a[a1 + ap]).fma(y, c1);
            c2 = FloatVector.broadcast(SPECIES, a[a2 + ap]).fma(y, c2);
            c3 = FloatVector.broadcast(SPECIES, a[a3 + ap]).fma(y, c3);
        }
        c0.intoArray(c, r0);
        c1.intoArray(c, r1);
        c2.intoArray(c, r2);
        c3.intoArray(c, r3);
    }

    static void rows1(int k, float[] a, int ai, int acs, float[] b, int bi, int bs, float[] c, int ci,
            boolean accumulate) {
        FloatVector c00, c01;
        if (accumulate) {
            c00 = FloatVector.fromArray(SPECIES, c, ci);
            c01 = FloatVector.fromArray(SPECIES, c, ci + LANES);
        } else {
            c00 = c01 = FloatVector.zero(SPECIES);
        }
        for (int p = 0; p < k; p++) {
            int bp = bi + p * bs;
            FloatVector x = FloatVector.broadcast(SPECIES, a[ai + p * acs]);
            c00 = x.fma(FloatVector.fromArray(SPECIES, b, bp), c00);
            c01 = x.fma(FloatVector.fromArray(SPECIES, b, bp + LANES), c01);
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + LANES);
    }

    /** One row, one vector of columns (column tails narrower than the wide tile). */
    static void narrow(int k, float[] a, int ai, int acs, float[] b, int bi, int bs, float[] c, int ci,
            boolean accumulate) {
        FloatVector c00 = accumulate ? FloatVector.fromArray(SPECIES, c, ci) : FloatVector.zero(SPECIES);
        for (int p = 0; p < k; p++) {
            c00 = FloatVector.broadcast(SPECIES, a[ai + p * acs]).fma(FloatVector.fromArray(SPECIES, b, bi + p * bs), c00);
        }
        c00.intoArray(c, ci);
    }

    /** {@code y[yo + i] += x[xo + i]} over the whole vectors of [0, length); returns how many elements it did. */
    static int add(float[] x, int xo, float[] y, int yo, int length) {
        int full = length - length % LANES;
        for (int i = 0; i < full; i += LANES) {
            FloatVector.fromArray(SPECIES, y, yo + i).add(FloatVector.fromArray(SPECIES, x, xo + i))
                    .intoArray(y, yo + i);
        }
        return full;
    }
}
