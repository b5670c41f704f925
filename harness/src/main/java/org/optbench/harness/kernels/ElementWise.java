package org.optbench.harness.kernels;

/**
 * Element-wise array passes the convolution layers need besides products: {@code y[yo + i] += x[xo + i]}. On the
 * Vector API when {@link MatMul#vectorized}: C2 does not vectorize this loop on its own when x and y are two
 * parameters that might be the same array, and the CNN's col2im spends its time in it. Each element gets the same
 * single float addition either way, so results do not depend on the path.
 */
public final class ElementWise {

    private ElementWise() {
    }

    /** {@code y[yo + i] += x[xo + i]} for i in [0, length); x and y must not overlap unless they are the same run. */
    public static void add(float[] x, int xo, float[] y, int yo, int length) {
        int i = 0;
        if (MatMul.vectorized()) {
            i = VectorTiles.add(x, xo, y, yo, length);
        }
        for (; i < length; i++) {
            y[yo + i] += x[xo + i];
        }
    }
}
