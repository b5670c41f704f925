package org.optbench.harness.models;

/**
 * Hidden-layer activation {@code a = φ(z)}, with its derivative written in terms of the output (which is what the
 * backward pass keeps): ReLU {@code φ' = [a > 0]}, sigmoid {@code φ' = a (1 − a)}, tanh {@code φ' = 1 − a²}.
 */
public enum Activation {
    /** {@code max(0, z)}; He initialization for the layer feeding it. */
    RELU,
    /** {@code 1 / (1 + e^(−z))}; Glorot initialization. */
    SIGMOID,
    /** {@code tanh(z)}; Glorot initialization. */
    TANH;

    /** The user-facing name ({@code relu}, {@code sigmoid}, {@code tanh}). */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses a user-facing name, with a message listing the choices on a typo. */
    public static Activation parse(String key) {
        for (Activation activation : values()) {
            if (activation.key().equals(key)) {
                return activation;
            }
        }
        throw new IllegalArgumentException("mlp: activation must be one of relu, sigmoid, tanh, got " + key);
    }

    /** Applies φ in place to {@code values[from, to)}. */
    void apply(float[] values, int from, int to) {
        switch (this) {
            case RELU -> {
                for (int i = from; i < to; i++) {
                    values[i] = Math.max(0f, values[i]);
                }
            }
            case SIGMOID -> {
                for (int i = from; i < to; i++) {
                    values[i] = (float) (1.0 / (1.0 + Math.exp(-values[i])));
                }
            }
            case TANH -> {
                for (int i = from; i < to; i++) {
                    values[i] = (float) Math.tanh(values[i]);
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    /**
     * {@code gradient[i] *= φ'} for i in [from, to), where φ' is computed from the activation output
     * {@code outputs[i]}.
     */
    void backward(float[] gradient, float[] outputs, int from, int to) {
        switch (this) {
            case RELU -> {
                for (int i = from; i < to; i++) {
                    gradient[i] = outputs[i] > 0f ? gradient[i] : 0f;
                }
            }
            case SIGMOID -> {
                for (int i = from; i < to; i++) {
                    float a = outputs[i];
                    gradient[i] *= a * (1f - a);
                }
            }
            case TANH -> {
                for (int i = from; i < to; i++) {
                    float a = outputs[i];
                    gradient[i] *= 1f - a * a;
                }
            }
            default -> throw new IllegalStateException();
        }
    }
}
