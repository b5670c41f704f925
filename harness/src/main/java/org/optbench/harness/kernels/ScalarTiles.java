package org.optbench.harness.kernels;

/**
 * Plain-Java fallback for {@link VectorTiles} when the {@code jdk.incubator.vector} module is not present, and
 * the kernel for column tails narrower than a vector. Same addressing and the same sequence of fused
 * multiply-adds per element ({@code acc = fma(A(i, p), B(p, j), acc)}, p ascending), so its results are bitwise
 * identical to the vector kernels.
 */
final class ScalarTiles {

    private ScalarTiles() {
    }

    /** Rows {@code [0, rows)} × columns {@code [0, columns)} of C, four columns at a time to reuse each A load. */
    static void block(int rows, int columns, int k, float[] a, int ai, int ars, int acs, float[] b, int bi, int bs,
            float[] c, int ci, int ldc, boolean accumulate) {
        for (int i = 0; i < rows; i++) {
            int arow = ai + i * ars;
            int crow = ci + i * ldc;
            int j = 0;
            for (; j + 4 <= columns; j += 4) {
                float s0 = accumulate ? c[crow + j] : 0f;
                float s1 = accumulate ? c[crow + j + 1] : 0f;
                float s2 = accumulate ? c[crow + j + 2] : 0f;
                float s3 = accumulate ? c[crow + j + 3] : 0f;
                for (int p = 0; p < k; p++) {
                    float x = a[arow + p * acs];
                    int bp = bi + p * bs + j;
                    s0 = Math.fma(x, b[bp], s0);
                    s1 = Math.fma(x, b[bp + 1], s1);
                    s2 = Math.fma(x, b[bp + 2], s2);
                    s3 = Math.fma(x, b[bp + 3], s3);
                }
                c[crow + j] = s0;
                c[crow + j + 1] = s1;
                c[crow + j + 2] = s2;
                c[crow + j + 3] = s3;
            }
            for (; j < columns; j++) {
                float s = accumulate ? c[crow + j] : 0f;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[arow + p * acs], b[bi + p * bs + j], s);
                }
                c[crow + j] = s;
            }
        }
    }
}
