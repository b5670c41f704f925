package org.optbench.harness.trial;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.optbench.datasets.DataSplit;

/**
 * What each evaluation row of a model trial scores (the experiment keys {@code test_every} and {@code val_subset}).
 *
 * <p>Evaluations are numbered from 0 (the row before any update) in the order they are written. The test split is
 * scored at evaluation i when {@code testEvery > 0} and {@code i mod testEvery = 0}, and always at a trial's last row
 * and at the row whose parameters early stopping restores, so the trial row always has test metrics; with
 * {@code testEvery = 0} (written {@code end}) only there. Rows without test metrics leave {@code test_loss} and
 * {@code test_accuracy} empty in curves.csv.
 *
 * <p>With {@code validationSubset = n > 0} every validation row scores the same n validation examples: the first n of
 * a Fisher–Yates shuffle of the split's indices drawn from {@code SplittableRandom(SUBSET_SEED)}, kept in their
 * order in the split. The seed is fixed so that every trial of a run (and of any run on the same validation split)
 * is scored on the same examples: configurations stay paired. A subset at least as large as the split is the split.
 *
 * @param testEvery score the test split every this many evaluations; 0: only at the end; 1 (the default): always
 * @param validationSubset validation examples scored per evaluation; 0 (the default): all
 */
public record EvaluationPlan(int testEvery, int validationSubset) implements Serializable {

    /** Every evaluation scores the whole validation and test splits. */
    public static final EvaluationPlan FULL = new EvaluationPlan(1, 0);
    /** The seed of the validation subset's shuffle. */
    public static final long SUBSET_SEED = 0x5EED_5AB5E7L;

    public EvaluationPlan {
        if (testEvery < 0) {
            throw new IllegalArgumentException("test_every must be >= 1 (or end), got " + testEvery);
        }
        if (validationSubset < 0) {
            throw new IllegalArgumentException("val_subset must be >= 0 (0: the whole validation split), got "
                    + validationSubset);
        }
    }

    /** Whether evaluation number {@code index} (0 = before training) scores the test split on its own schedule. */
    public boolean testsAt(int index) {
        return testEvery > 0 && index % testEvery == 0;
    }

    /** The validation examples every evaluation scores: the split itself, or its fixed subset. */
    public DataSplit validation(DataSplit split) {
        int n = validationSubset;
        if (n == 0 || n >= split.count()) {
            return split;
        }
        int[] indices = new int[split.count()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = i;
        }
        SplittableRandom random = new SplittableRandom(SUBSET_SEED);
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(indices.length - i);
            int swap = indices[i];
            indices[i] = indices[j];
            indices[j] = swap;
        }
        int[] picked = java.util.Arrays.copyOf(indices, n);
        java.util.Arrays.sort(picked);
        return split.select(picked);
    }
}
