package org.optbench.harness.models;

import java.util.Locale;

/**
 * How an {@link Mlp}'s weights are drawn ({@code init=} of {@code mlp}); biases always start at 0.
 * Without {@code init} the choice follows the activation: He normal for every layer that feeds a ReLU, Glorot
 * uniform for the others (the output layer, and every layer of a tanh or sigmoid network).
 */
public enum WeightInit {
    /** He normal, {@code N(0, 2 / fan_in)} (He et al. 2015), on every weight layer. */
    HE,
    /** Glorot uniform, {@code U(±√(6 / (fan_in + fan_out)))} (Glorot and Bengio 2010), on every weight layer. */
    GLOROT,
    /** LeCun normal, {@code N(0, 1 / fan_in)} (LeCun et al. 1998), on every weight layer. */
    LECUN;

    /** The user-facing name ({@code he}, {@code glorot}, {@code lecun}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a user-facing name. */
    public static WeightInit parse(String key) {
        for (WeightInit init : values()) {
            if (init.key().equals(key)) {
                return init;
            }
        }
        throw new IllegalArgumentException("mlp: init must be one of he, glorot, lecun, got " + key);
    }
}
