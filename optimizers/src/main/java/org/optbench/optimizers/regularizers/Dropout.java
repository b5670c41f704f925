package org.optbench.optimizers.regularizers;

import java.util.SplittableRandom;

/**
 * Inverted dropout (Srivastava et al. 2014) on hidden activations during training: each unit is dropped with
 * probability {@code p} and the kept ones are scaled by {@code 1 / (1 - p)}, so evaluation uses the network as
 * it is. The mask is drawn from the trial's own dropout stream. Models apply it; this record holds the rule.
 *
 * @param p the drop probability, in [0, 1)
 */
public record Dropout(double p) implements Regularizer {

    public Dropout {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout: p must be in [0, 1), got " + p);
        }
    }

    @Override
    public String name() {
        return "dropout";
    }

    /**
     * Draws a mask for {@code length} activations and applies it in place: {@code mask[i]} becomes 0 for a
     * dropped unit and {@code 1 / (1 - p)} for a kept one, and {@code activations[i]} is multiplied by it.
     * The backward pass multiplies the incoming gradient by the same mask.
     */
    public void apply(float[] activations, float[] mask, int length, SplittableRandom random) {
        float scale = (float) (1.0 / (1.0 - p));
        for (int i = 0; i < length; i++) {
            float m = random.nextDouble() < p ? 0f : scale;
            mask[i] = m;
            activations[i] *= m;
        }
    }
}
