package org.optbench.harness.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Pooling#maxPoolBiasRelu} on the Vector API, one vector of channels at a time (channels beyond the last full
 * vector take the scalar path). Why: the scalar pass branches on every comparison of random data, and the
 * mispredictions made it about an eighth of a CNN epoch; here the comparisons become masks and blends. Each lane
 * makes the scalar pass's comparisons in the same order (strict {@code >}, so ties and NaN resolve the same way), so
 * outputs and winners are identical.
 */
final class VectorPooling {

    private static final VectorSpecies<Float> FLOATS = VectorTiles.SPECIES;
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, FLOATS.vectorShape());
    private static final int LANES = FLOATS.length();
    private static final IntVector IOTA = IntVector.zero(INTS).addIndex(1);

    private VectorPooling() {
    }

    static void maxPoolBiasRelu(float[] map, int from, int to, int side, int channels, float[] parameters,
            int biasOffset, float[] out, int[] winner) {
        int half = side / 2;
        int rowStride = side * channels;
        int full = channels - channels % LANES;
        FloatVector zero = FloatVector.zero(FLOATS);
        IntVector none = IntVector.broadcast(INTS, -1);
        int o = from * half * half * channels;
        for (int example = from; example < to; example++) {
            int base = example * side * side;
            for (int py = 0; py < half; py++) {
                for (int px = 0; px < half; px++) {
                    int p00 = (base + 2 * py * side + 2 * px) * channels;
                    for (int c = 0; c < full; c += LANES) {
                        int i00 = p00 + c;
                        FloatVector max = FloatVector.fromArray(FLOATS, map, i00);
                        // Offset of the winner from i00: 0, channels, rowStride or rowStride + channels.
                        IntVector offset = IntVector.zero(INTS);
                        FloatVector v = FloatVector.fromArray(FLOATS, map, i00 + channels);
                        VectorMask<Float> greater = v.compare(VectorOperators.GT, max);
                        max = max.blend(v, greater);
                        offset = offset.blend(channels, greater.cast(INTS));
                        v = FloatVector.fromArray(FLOATS, map, i00 + rowStride);
                        greater = v.compare(VectorOperators.GT, max);
                        max = max.blend(v, greater);
                        offset = offset.blend(rowStride, greater.cast(INTS));
                        v = FloatVector.fromArray(FLOATS, map, i00 + rowStride + channels);
                        greater = v.compare(VectorOperators.GT, max);
                        max = max.blend(v, greater);
                        offset = offset.blend(rowStride + channels, greater.cast(INTS));
                        FloatVector value = max.add(FloatVector.fromArray(FLOATS, parameters, biasOffset + c));
                        VectorMask<Float> positive = value.compare(VectorOperators.GT, 0f);
                        zero.blend(value, positive).intoArray(out, o + c);
                        none.blend(offset.add(IOTA).add(i00), positive.cast(INTS)).intoArray(winner, o + c);
                    }
                    if (full < channels) {
                        Pooling.scalarChannels(map, p00, full, channels, rowStride, channels, parameters, biasOffset,
                                out, o, winner);
                    }
                    o += channels;
                }
            }
        }
    }

    /**
     * {@link Pooling#route} one vector of channels at a time: each of the four window inputs gets the gradient where
     * it is the recorded winner and 0 elsewhere (masks instead of a branch on every output, which mispredicted about
     * half the time as ReLU cut outputs).
     */
    static void route(float[] pooledGradient, int[] winner, int from, int to, int side, int channels,
            float[] mapGradient) {
        int half = side / 2;
        int rowStride = side * channels;
        int full = channels - channels % LANES;
        FloatVector zero = FloatVector.zero(FLOATS);
        int o = from * half * half * channels;
        for (int example = from; example < to; example++) {
            int base = example * side * side;
            for (int py = 0; py < half; py++) {
                for (int px = 0; px < half; px++) {
                    int p00 = (base + 2 * py * side + 2 * px) * channels;
                    for (int c = 0; c < full; c += LANES) {
                        int i00 = p00 + c;
                        // Offset of the winner from this lane's (0, 0) input; negative when ReLU cut the output.
                        IntVector offset = IntVector.fromArray(INTS, winner, o + c).sub(IOTA.add(i00));
                        FloatVector value = FloatVector.fromArray(FLOATS, pooledGradient, o + c);
                        zero.blend(value, offset.compare(VectorOperators.EQ, 0).cast(FLOATS))
                                .intoArray(mapGradient, i00);
                        zero.blend(value, offset.compare(VectorOperators.EQ, channels).cast(FLOATS))
                                .intoArray(mapGradient, i00 + channels);
                        zero.blend(value, offset.compare(VectorOperators.EQ, rowStride).cast(FLOATS))
                                .intoArray(mapGradient, i00 + rowStride);
                        zero.blend(value, offset.compare(VectorOperators.EQ, rowStride + channels).cast(FLOATS))
                                .intoArray(mapGradient, i00 + rowStride + channels);
                    }
                    if (full < channels) {
                        Pooling.unpoolChannels(pooledGradient, winner, full, channels, p00, rowStride, channels, o,
                                mapGradient, null, 0);
                    }
                    o += channels;
                }
            }
        }
    }
}
