package org.optbench.datasets;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ByteRows}'s unstandardized conversion, {@code (float) v / 255f}, a vector of pixels at a time with the
 * Vector API; loaded only when the {@code jdk.incubator.vector} module is present. The lanes do the scalar
 * operations (int to float, then an IEEE division, which rounds each lane exactly as the scalar instruction does),
 * so the floats are the same bits.
 *
 * <p>The floats use the preferred species, the one the matrix kernels use: a second float vector shape in the same
 * JVM makes the Vector API's shared code see two vector classes, and C2 then stops compiling the kernels'
 * operations into instructions (measured: the MLP epoch 15× slower). For the same reason the standardized
 * conversions, which would need a double vector and a narrower float one, stay scalar table look-ups.
 */
final class VectorRows {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final int LANES = FLOATS.length();
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_PREFERRED.withShape(
            VectorShape.forBitSize(FLOATS.vectorBitSize() / 4));

    private VectorRows() {
    }

    /** Whether the CPU has vectors of at least 256 bits (a quarter of one must still be a byte vector). */
    static boolean supported() {
        return FLOATS.vectorBitSize() >= 256;
    }

    /**
     * Writes {@code (float) v / 255f} for the first {@code width − width mod LANES} bytes at {@code pixels[start…]}
     * into {@code out[offset…]}; returns how many it converted (the caller does the rest).
     */
    static int scale(byte[] pixels, int start, int width, float[] out, int offset) {
        int end = width - width % LANES;
        for (int p = 0; p < end; p += LANES) {
            IntVector values = (IntVector) ByteVector.fromArray(BYTES, pixels, start + p)
                    .convertShape(VectorOperators.B2I, INTS, 0).lanewise(VectorOperators.AND, 0xFF);
            ((FloatVector) values.convertShape(VectorOperators.I2F, FLOATS, 0)).div(255f).intoArray(out, offset + p);
        }
        return end;
    }
}
