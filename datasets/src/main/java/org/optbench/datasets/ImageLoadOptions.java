package org.optbench.datasets;

/**
 * How an image data set is split and scaled.
 *
 * @param validation examples carved from the training set for validation by a seeded split [10,000]; 0 for none
 * @param trainSize if positive, keep only this many of the remaining training examples, a seeded random subset
 *     (for overfitting experiments and quick runs; a random subset keeps the class balance roughly); 0 keeps all
 * @param standardization optional standardization with training-split statistics [none]
 * @param splitSeed seed of the permutation that picks the validation examples and the training subset [0]. It is
 *     deliberately not the trial seed: every trial of an experiment sees the same validation set.
 */
public record ImageLoadOptions(int validation, int trainSize, Standardization standardization, long splitSeed) {

    /** The default number of validation examples, as AlgoPerf's 50k/10k/10k MNIST split. */
    public static final int DEFAULT_VALIDATION = 10_000;

    public ImageLoadOptions {
        if (validation < 0) {
            throw new IllegalArgumentException("image data: validation must be >= 0, got " + validation);
        }
        if (trainSize < 0) {
            throw new IllegalArgumentException("image data: train size must be >= 0 (0 keeps all), got " + trainSize);
        }
        if (standardization == null) {
            throw new IllegalArgumentException("image data: standardization must be none, global or per-pixel, got null");
        }
    }

    /** 10,000 validation examples, the whole remaining training set, no standardization, split seed 0. */
    public static ImageLoadOptions defaults() {
        return new ImageLoadOptions(DEFAULT_VALIDATION, 0, Standardization.NONE, 0L);
    }

    /** A copy with this option changed. */
    public ImageLoadOptions withValidation(int newValidation) {
        return new ImageLoadOptions(newValidation, trainSize, standardization, splitSeed);
    }

    /** A copy with this option changed. */
    public ImageLoadOptions withTrainSize(int newTrainSize) {
        return new ImageLoadOptions(validation, newTrainSize, standardization, splitSeed);
    }

    /** A copy with this option changed. */
    public ImageLoadOptions withStandardization(Standardization newStandardization) {
        return new ImageLoadOptions(validation, trainSize, newStandardization, splitSeed);
    }

    /** A copy with this option changed. */
    public ImageLoadOptions withSplitSeed(long newSplitSeed) {
        return new ImageLoadOptions(validation, trainSize, standardization, newSplitSeed);
    }
}
