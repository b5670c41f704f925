package org.optbench.harness.kernels;

/**
 * The convolution layers' pooling pass: 2×2 max-pool with stride 2 of a feature map stored pixel-major with channels
 * innermost ({@code [example][y][x][channel]}), adding the channel's bias and applying ReLU on the way:
 * <pre>{@code out(e, py, px, c) = max(0, max(window) + b(c))}</pre>
 * where the window is the four inputs {@code (2py + dy, 2px + dx)}, dy, dx ∈ {0, 1}. Max-pool commutes with adding a
 * per-channel constant and with ReLU, so this equals pooling the biased, rectified map.
 *
 * <p>It also records, for backward, the index in the map of the input that won the max, or −1 when ReLU cut the output
 * ({@code max(window) + b ≤ 0}, or NaN). Ties go to the first input in the order (0, 0), (0, 1), (1, 0), (1, 1): a later
 * input wins only if strictly greater. The Vector API version ({@link VectorPooling}, used when {@link MatMul#vectorized})
 * does the same comparisons lane by lane, so both give identical outputs and winners.
 */
public final class Pooling {

    private Pooling() {
    }

    /**
     * Pools examples [from, to) of {@code map} ({@code side × side × channels} floats per example, side even) into
     * {@code out} and {@code winner} ({@code side/2 × side/2 × channels} per example, same example offsets), with the
     * bias {@code parameters[biasOffset + c]} of channel c. Writes only those examples' outputs.
     */
    public static void maxPoolBiasRelu(float[] map, int from, int to, int side, int channels, float[] parameters,
            int biasOffset, float[] out, int[] winner) {
        if (MatMul.vectorized()) {
            VectorPooling.maxPoolBiasRelu(map, from, to, side, channels, parameters, biasOffset, out, winner);
        } else {
            maxPoolBiasReluScalar(map, from, to, side, channels, parameters, biasOffset, out, winner);
        }
    }

    /** The plain-Java pass: the reference the vector pass is tested against, and its fallback. */
    static void maxPoolBiasReluScalar(float[] map, int from, int to, int side, int channels, float[] parameters,
            int biasOffset, float[] out, int[] winner) {
        int half = side / 2;
        int o = from * half * half * channels;
        for (int example = from; example < to; example++) {
            int base = example * side * side;
            for (int py = 0; py < half; py++) {
                for (int px = 0; px < half; px++) {
                    int p00 = (base + 2 * py * side + 2 * px) * channels;
                    scalarChannels(map, p00, 0, channels, side * channels, channels, parameters, biasOffset, out, o,
                            winner);
                    o += channels;
                }
            }
        }
    }

    /** Channels [c0, c1) of one pooled pixel whose window starts at {@code p00}; output at {@code o + c}. */
    static void scalarChannels(float[] map, int p00, int c0, int c1, int rowStride, int channels, float[] parameters,
            int biasOffset, float[] out, int o, int[] winner) {
        int p01 = p00 + channels;
        int p10 = p00 + rowStride;
        int p11 = p10 + channels;
        for (int c = c0; c < c1; c++) {
            int best = p00 + c;
            float max = map[best];
            if (map[p01 + c] > max) {
                best = p01 + c;
                max = map[best];
            }
            if (map[p10 + c] > max) {
                best = p10 + c;
                max = map[best];
            }
            if (map[p11 + c] > max) {
                best = p11 + c;
                max = map[best];
            }
            float value = max + parameters[biasOffset + c];
            if (value > 0f) {
                out[o + c] = value;
                winner[o + c] = best;
            } else {
                out[o + c] = 0f;
                winner[o + c] = -1;
            }
        }
    }

    /**
     * The backward of {@link #maxPoolBiasRelu}, first half, for examples [from, to): routes each pooled gradient to
     * the input that won the max (through the ReLU) and writes 0 to the window's other three inputs (all four when
     * ReLU cut the output). Writing all four inputs of every window covers those examples' map exactly once (the side
     * is even), so it needs no zero-fill first. A thread can route the examples it holds; {@link #routedSums} over the
     * whole batch is the other half.
     */
    public static void route(float[] pooledGradient, int[] winner, int from, int to, int side, int channels,
            float[] mapGradient) {
        if (MatMul.vectorized()) {
            VectorPooling.route(pooledGradient, winner, from, to, side, channels, mapGradient);
        } else {
            unpoolScalar(pooledGradient, winner, from, to, side, channels, mapGradient, null, 0);
        }
    }

    /**
     * The backward's second half: sets the bias gradient {@code gradient[biasOffset + c]} to the sum of channel c's
     * routed values over the batch, in the order of the pooled outputs (example, row, column).
     */
    public static void routedSums(float[] pooledGradient, int[] winner, int examples, int side, int channels,
            float[] gradient, int biasOffset) {
        java.util.Arrays.fill(gradient, biasOffset, biasOffset + channels, 0f);
        int outputs = examples * (side / 2) * (side / 2) * channels;
        for (int o = 0; o < outputs; o += channels) {
            for (int c = 0; c < channels; c++) {
                if (winner[o + c] >= 0) {
                    gradient[biasOffset + c] += pooledGradient[o + c];
                }
            }
        }
    }

    /**
     * The plain-Java backward in one pass, routing and bias sums together over a whole batch: the reference
     * {@link #route} and {@link #routedSums} are tested against, and (without the sums) the fallback of {@code route}.
     */
    static void unpoolScalar(float[] pooledGradient, int[] winner, int examples, int side, int channels,
            float[] mapGradient, float[] gradient, int biasOffset) {
        java.util.Arrays.fill(gradient, biasOffset, biasOffset + channels, 0f);
        unpoolScalar(pooledGradient, winner, 0, examples, side, channels, mapGradient, gradient, biasOffset);
    }

    /** Examples [from, to); bias sums added to {@code gradient} unless it is null. */
    private static void unpoolScalar(float[] pooledGradient, int[] winner, int from, int to, int side, int channels,
            float[] mapGradient, float[] gradient, int biasOffset) {
        int half = side / 2;
        int o = from * half * half * channels;
        for (int example = from; example < to; example++) {
            int base = example * side * side;
            for (int py = 0; py < half; py++) {
                for (int px = 0; px < half; px++) {
                    int p00 = (base + 2 * py * side + 2 * px) * channels;
                    unpoolChannels(pooledGradient, winner, 0, channels, p00, side * channels, channels, o,
                            mapGradient, gradient, biasOffset);
                    o += channels;
                }
            }
        }
    }

    /** Channels [c0, c1) of one window starting at {@code p00}, pooled outputs at {@code o + c}. */
    static void unpoolChannels(float[] pooledGradient, int[] winner, int c0, int c1, int p00, int rowStride,
            int channels, int o, float[] mapGradient, float[] gradient, int biasOffset) {
        int p01 = p00 + channels;
        int p10 = p00 + rowStride;
        int p11 = p10 + channels;
        for (int c = c0; c < c1; c++) {
            mapGradient[p00 + c] = 0f;
            mapGradient[p01 + c] = 0f;
            mapGradient[p10 + c] = 0f;
            mapGradient[p11 + c] = 0f;
            int target = winner[o + c];
            if (target >= 0) {
                float value = pooledGradient[o + c];
                mapGradient[target] = value;
                if (gradient != null) {
                    gradient[biasOffset + c] += value;
                }
            }
        }
    }
}
