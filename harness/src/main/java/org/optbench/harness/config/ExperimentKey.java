package org.optbench.harness.config;

import java.util.ArrayList;
import java.util.List;

/** Every key an experiment file may contain, with its default and meaning (docs/harness.md lists the same). */
public enum ExperimentKey {
    NAME("name", "the file name without .yaml", "the experiment's name, used for the run folder"),
    DESCRIPTION("description", "empty", "free text, copied to the manifest"),
    DATASET("dataset", "required", "a data set or analytic function, or a list of them (a grid axis)"),
    MODEL("model", "required for data sets", "a model or a list of them; ignored for analytic functions"),
    OPTIMIZER("optimizer", "required", "an optimizer or a list of them; a list of values for a parameter is an axis too"),
    SCHEDULE("schedule", "constant", "a learning-rate schedule or a list of them"),
    REGULARIZERS("regularizers", "none", "one set applied together ([l2(lambda=1e-4), dropout(p=0.5)]), or a list of sets (an axis)"),
    EPOCHS("epochs", "10", "passes over the training split"),
    BATCH("batch", "64", "examples per update, or full for the whole training split"),
    LAST_BATCH("last_batch", "keep", "keep or drop an epoch's last, smaller batch"),
    STEPS("steps", "100", "updates on an analytic function (instead of epochs and batch)"),
    EVAL_EVERY("eval_every", "0", "also evaluate every N updates; 0: once per epoch (models), every update (functions)"),
    TEST_EVERY("test_every", "1", "score the test split every N evaluations, or end: only at the last row (and the row early stopping restores)"),
    VAL_SUBSET("val_subset", "0", "score validation on this many examples, a fixed seeded subset of the validation split; 0: all of it"),
    REPEATS("repeats", "1", "trials per configuration, each with its own trial seed"),
    SEEDS("seeds", "none", "explicit seeds per configuration instead of repeats, e.g. [1, 2, 3]"),
    SEED("seed", "42", "the experiment seed every trial seed is derived from (initial weights, batch order, masks, noise)"),
    DATA_SEED("data_seed", "the seed", "the seed every data seed is derived from (synthetic draw, validation split, subset)"),
    PAIRING("pairing", "paired", "paired: every configuration of a data set, model and repeat shares its trial seed; independent: one per configuration"),
    TARGET("target", "none", "METRIC OP VALUE, e.g. val_accuracy >= 0.97: records time and updates to reach it"),
    DIVERGENCE("divergence", "100", "a trial diverges when a loss exceeds this multiple of its initial loss (0: only NaN/Inf)"),
    TIME_BUDGET("time_budget", "none", "training time per trial, in seconds or with a unit: 90s, 5m, 1h"),
    VALIDATION("validation", "0.1", "training examples held out for validation when the data set has no validation split: a fraction, or a count"),
    SUBSET("subset", "0", "keep only this many training examples (after the hold-out); 0 keeps all"),
    PARTS("parts", "none", "a list of mappings, each a grid of its own run with the top-level keys as defaults (e.g. MNIST and functions with their own rates)"),
    TUNING("tuning", "none", "a tuning protocol: {method: grid | random | halton, budget, metric, mode, seeds, final: {seeds}, halving: {min_epochs, eta}}; optimizers then give search spaces such as adam(lr=loguniform(1e-5, 0.1))"),
    STANDARDIZE("standardize", "none", "none (false), global (true: one mean and deviation) or per-feature; training statistics");

    private final String key;
    private final String defaultText;
    private final String description;

    ExperimentKey(String key, String defaultText, String description) {
        this.key = key;
        this.defaultText = defaultText;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String defaultText() {
        return defaultText;
    }

    public String description() {
        return description;
    }

    /** Every key as written in files. */
    public static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (ExperimentKey key : values()) {
            keys.add(key.key);
        }
        return keys;
    }
}
