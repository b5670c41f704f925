package org.optbench.harness.models;

import java.util.SplittableRandom;

/** Seeded weight initialization shared by the models. */
final class Initializers {

    private Initializers() {
    }

    /**
     * Fills {@code count} weights at {@code offset}: He normal ({@code N(0, 2 / fanIn)}, He et al. 2015) when the
     * layer feeds a ReLU, Glorot uniform ({@code U(±√(6 / (fanIn + fanOut)))}, Glorot and Bengio 2010) otherwise.
     */
    static void fill(float[] parameters, int offset, int count, int fanIn, int fanOut, boolean he,
            SplittableRandom random) {
        fill(parameters, offset, count, fanIn, fanOut, he ? WeightInit.HE : WeightInit.GLOROT, random);
    }

    /** Fills {@code count} weights at {@code offset} by {@code init}'s distribution. */
    static void fill(float[] parameters, int offset, int count, int fanIn, int fanOut, WeightInit init,
            SplittableRandom random) {
        if (init == WeightInit.LECUN) {
            double std = Math.sqrt(1.0 / fanIn);
            for (int i = 0; i < count; i++) {
                parameters[offset + i] = (float) (random.nextGaussian() * std);
            }
        } else if (init == WeightInit.HE) {
            double std = Math.sqrt(2.0 / fanIn);
            for (int i = 0; i < count; i++) {
                parameters[offset + i] = (float) (random.nextGaussian() * std);
            }
        } else {
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            for (int i = 0; i < count; i++) {
                parameters[offset + i] = (float) ((random.nextDouble() * 2 - 1) * limit);
            }
        }
    }
}
