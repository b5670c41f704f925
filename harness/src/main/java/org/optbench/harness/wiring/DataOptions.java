package org.optbench.harness.wiring;

import java.nio.file.Path;
import org.optbench.harness.trial.TrialSeeds;

/**
 * How data sets are prepared for a run; the same for every data set of the experiment.
 *
 * @param dataDirectory where downloaded data sets live, or {@code null} for the default resolution
 *     ({@code OPTBENCH_DATA}, then the repository's {@code data/})
 * @param validation the part of the training set held out for validation when the data set has no validation
 *     split: a fraction in [0, 1) or, when at least 1, a number of examples
 * @param subset how many training examples to keep (after the validation hold-out), 0 for all
 * @param standardization {@code none}, {@code global} (one mean and deviation) or {@code per-feature} (one per
 *     feature), always with statistics of the training split
 * @param seed the experiment's data seed; each data set's own ({@link #seedOf}) decides its synthetic draw, hold-out
 *     and subset, the same for every trial of the run
 */
public record DataOptions(Path dataDirectory, double validation, int subset, String standardization, long seed) {

    public DataOptions {
        if (!(validation >= 0) || Double.isInfinite(validation) || (validation >= 1 && validation != Math.rint(validation))) {
            throw new IllegalArgumentException("validation must be a fraction in [0, 1) or a whole number of examples, got " + validation);
        }
        if (!java.util.List.of("none", "global", "per-feature").contains(standardization)) {
            throw new IllegalArgumentException("standardize must be none, global or per-feature, got " + standardization);
        }
        if (subset < 0) {
            throw new IllegalArgumentException("subset must be >= 0 (0 keeps every example), got " + subset);
        }
    }

    /** The data seed of one data set, by its canonical component string ({@link TrialSeeds#dataSeed}). */
    public long seedOf(String dataset) {
        return TrialSeeds.dataSeed(seed, dataset);
    }
}
