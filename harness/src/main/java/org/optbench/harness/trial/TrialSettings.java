package org.optbench.harness.trial;

import java.io.Serializable;
import org.optbench.datasets.BatchPlan;
import org.optbench.datasets.LastBatchPolicy;
import org.optbench.optimizers.schedules.RunLength;

/**
 * The training settings every trial of an experiment shares (the experiment keys of the same names).
 *
 * @param epochs passes over the training split (model trials)
 * @param batch examples per update; 0 means the whole training split (full-batch)
 * @param dropLastBatch whether an epoch's last, smaller batch is dropped ({@code last_batch: drop})
 * @param steps updates on an analytic function
 * @param evalEvery evaluate every this many updates as well; 0: once per epoch (models) or after every update
 *     (functions)
 * @param divergence a trial diverges when a loss exceeds this multiple of its initial loss; 0 disables the check
 *     (NaN and infinite losses always count)
 * @param timeBudgetSeconds the per-trial budget of training time, 0 for none
 * @param target the optional target, or {@code null}
 * @param evaluation what each evaluation row scores ({@code test_every}, {@code val_subset})
 */
public record TrialSettings(int epochs, int batch, boolean dropLastBatch, int steps, int evalEvery, double divergence,
        double timeBudgetSeconds, Target target, EvaluationPlan evaluation) implements Serializable {

    /** Settings whose every evaluation scores the whole validation and test splits. */
    public TrialSettings(int epochs, int batch, boolean dropLastBatch, int steps, int evalEvery, double divergence,
            double timeBudgetSeconds, Target target) {
        this(epochs, batch, dropLastBatch, steps, evalEvery, divergence, timeBudgetSeconds, target, EvaluationPlan.FULL);
    }

    public TrialSettings {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batch < 0) {
            throw new IllegalArgumentException("batch must be >= 1 (or full), got " + batch);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        if (evalEvery < 0) {
            throw new IllegalArgumentException("eval_every must be >= 0, got " + evalEvery);
        }
        if (!(divergence == 0 || divergence > 1) || Double.isInfinite(divergence)) {
            throw new IllegalArgumentException("divergence must be a finite multiple > 1, or 0 to disable, got " + divergence);
        }
        if (!(timeBudgetSeconds >= 0) || Double.isInfinite(timeBudgetSeconds)) {
            throw new IllegalArgumentException("time_budget must be > 0 seconds, got " + timeBudgetSeconds);
        }
        if (evaluation == null) {
            throw new IllegalArgumentException("the evaluation plan must be given (EvaluationPlan.FULL for every row)");
        }
        if (target != null && target.metric().startsWith("test_") && evaluation.testEvery() != 1) {
            throw new IllegalArgumentException("the target watches " + target.metric()
                    + ", which needs the test split at every evaluation; remove test_every or target another metric");
        }
    }

    /** How an epoch over {@code examples} training examples is cut into batches under these settings. */
    public BatchPlan batchPlan(int examples) {
        return new BatchPlan(examples, batch == 0 ? examples : batch,
                dropLastBatch ? LastBatchPolicy.DROP : LastBatchPolicy.KEEP);
    }

    /** A model trial's length, as its schedule sees it: {@code epochs} epochs of the plan's batches. */
    public RunLength runLength(BatchPlan plan) {
        return new RunLength((long) epochs * plan.batchesPerEpoch(), plan.batchesPerEpoch());
    }

    /** An analytic function's length: {@code steps} updates, each counted as an epoch. */
    public RunLength functionRunLength() {
        return new RunLength(steps, 1);
    }
}
