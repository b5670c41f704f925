package org.optbench.datasets;

/**
 * Optional standardization of image features after scaling to [0, 1], always with statistics of the training
 * split only (after the validation split and training subset are taken), applied to all three splits.
 */
public enum Standardization {
    /** Pixels stay {@code value / 255} in [0, 1]. */
    NONE("none"),
    /**
     * One mean μ and standard deviation σ over every pixel of every training image: {@code x ← (x − μ) / σ}
     * (full MNIST training set: μ ≈ 0.1307, σ ≈ 0.3081).
     */
    GLOBAL("global"),
    /**
     * A mean μ_p and standard deviation σ_p per pixel position: {@code x ← (x − μ_p) / max(σ_p, 0.05)}. The floor
     * keeps near-constant border pixels (σ_p ≈ 0 in MNIST) from blowing a rare test-set stroke up to a huge value.
     */
    PER_PIXEL("per-pixel");

    /** The floor on σ_p in {@link #PER_PIXEL}. */
    public static final double MINIMUM_PIXEL_STD = 0.05;

    private final String id;

    Standardization(String id) {
        this.id = id;
    }

    /** The user-facing name: {@code none}, {@code global} or {@code per-pixel}. */
    public String id() {
        return id;
    }

    /** Looks a mode up by its user-facing name; the message lists the known names. */
    public static Standardization byId(String id) {
        for (Standardization mode : values()) {
            if (mode.id.equals(id)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("standardize must be one of none, global, per-pixel, got '" + id + "'");
    }
}
