package org.optbench.datasets;

import java.util.SplittableRandom;

/**
 * How one epoch over {@code examples} training examples is cut into mini-batches: a fresh random order each
 * epoch ({@link #shuffle(int[], SplittableRandom)} from the trial's own shuffling stream), then batch {@code b}
 * takes positions {@code [from(b), to(b))} of that order. Batch size {@code examples} is full-batch gradient
 * descent, 1 is single-sample SGD, anything between is mini-batch SGD.
 *
 * @param examples number of training examples, at least 1
 * @param batchSize examples per batch, in {@code [1, examples]}
 * @param policy what to do with a short last batch
 */
public record BatchPlan(int examples, int batchSize, LastBatchPolicy policy) {

    public BatchPlan {
        if (examples < 1) {
            throw new IllegalArgumentException("batch: the training split must have at least 1 example, got " + examples);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch: batch size must be >= 1, got " + batchSize);
        }
        if (batchSize > examples) {
            throw new IllegalArgumentException("batch: batch size must be in [1, " + examples + "] (the number of training "
                    + "examples; " + examples + " is full-batch gradient descent), got " + batchSize);
        }
        if (policy == null) {
            throw new IllegalArgumentException("batch: last batch policy must be keep or drop, got null");
        }
    }

    /** One batch holding every example: full-batch gradient descent. */
    public static BatchPlan fullBatch(int examples) {
        return new BatchPlan(examples, examples, LastBatchPolicy.KEEP);
    }

    /** Batches per epoch: {@code ⌈examples / batchSize⌉} with {@link LastBatchPolicy#KEEP}, else {@code ⌊…⌋}. */
    public int batchesPerEpoch() {
        return policy == LastBatchPolicy.KEEP ? (examples + batchSize - 1) / batchSize : examples / batchSize;
    }

    /** Whether a batch is the whole training set. */
    public boolean isFullBatch() {
        return batchSize == examples;
    }

    /** First position (inclusive) of batch {@code batch} in the epoch's order. */
    public int from(int batch) {
        checkBatch(batch);
        return batch * batchSize;
    }

    /** Last position (exclusive) of batch {@code batch} in the epoch's order. */
    public int to(int batch) {
        checkBatch(batch);
        return Math.min(batch * batchSize + batchSize, examples);
    }

    /** Number of examples in batch {@code batch}. */
    public int size(int batch) {
        return to(batch) - from(batch);
    }

    /** A new random order of {@code 0..examples-1} for one epoch, drawn from {@code random}. */
    public int[] permutation(SplittableRandom random) {
        return permutation(examples, random);
    }

    /**
     * Overwrites {@code order} (length {@code examples}) with a new random order drawn from {@code random}: the
     * identity shuffled by Fisher–Yates, so an epoch's order depends only on the random stream, never on the
     * previous epoch's order. Allocation-free alternative to {@link #permutation(SplittableRandom)}.
     */
    public void shuffle(int[] order, SplittableRandom random) {
        if (order.length != examples) {
            throw new IllegalArgumentException("batch: order array has length " + order.length + ", expected " + examples);
        }
        fillShuffled(order, random);
    }

    /** A random permutation of {@code 0..count-1} (Fisher–Yates, {@code j = random.nextInt(i + 1)} for i = count−1..1). */
    public static int[] permutation(int count, SplittableRandom random) {
        int[] order = new int[count];
        fillShuffled(order, random);
        return order;
    }

    /**
     * Copies the features of the examples at positions {@code [from(batch), to(batch))} of {@code order} from
     * {@code split} into {@code out}, contiguously, row-major; returns the batch size.
     */
    public int gatherFeatures(DataSplit split, int[] order, int batch, float[] out) {
        int start = from(batch);
        int end = to(batch);
        split.copyRows(order, start, end, out);
        return end - start;
    }

    /** Copies the labels of batch {@code batch} (see {@link #gatherFeatures}) into {@code out}; returns the batch size. */
    public int gatherLabels(DataSplit split, int[] order, int batch, int[] out) {
        int start = from(batch);
        int end = to(batch);
        int[] labels = split.labels();
        for (int position = start; position < end; position++) {
            out[position - start] = labels[order[position]];
        }
        return end - start;
    }

    /** Copies the regression targets of batch {@code batch} into {@code out}; returns the batch size. */
    public int gatherTargets(DataSplit split, int[] order, int batch, float[] out) {
        int start = from(batch);
        int end = to(batch);
        int width = split.targetCount();
        float[] targets = split.targets();
        for (int position = start; position < end; position++) {
            System.arraycopy(targets, order[position] * width, out, (position - start) * width, width);
        }
        return end - start;
    }

    private static void fillShuffled(int[] order, SplittableRandom random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    private void checkBatch(int batch) {
        if (batch < 0 || batch >= batchesPerEpoch()) {
            throw new IllegalArgumentException("batch: batch index must be in [0, " + (batchesPerEpoch() - 1) + "], got " + batch);
        }
    }
}
