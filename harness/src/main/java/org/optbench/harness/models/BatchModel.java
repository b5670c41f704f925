package org.optbench.harness.models;

import java.util.SplittableRandom;
import java.util.function.IntSupplier;
import org.optbench.datasets.DataSplit;
import org.optbench.harness.kernels.MatMul;
import org.optbench.harness.kernels.Workers;
import org.optbench.optimizers.Objective;

/**
 * What every mini-batch model shares: checking a split against the model, gathering the batch's rows into a
 * reused buffer once per {@link #batch} call, and evaluation in chunks, each read into a reused buffer (an image
 * split holds bytes and converts a row to floats as it is read, see {@link DataSplit#copyRows}). Subclasses supply the forward/backward
 * pass over contiguous rows.
 */
abstract class BatchModel implements Model {

    /** The component name used in messages ({@code mlp}, {@code cnn}, …). */
    final String component;
    private final MatMul matMul;
    /** Where the thread count comes from before each batch and evaluation; null: fixed by {@link #setThreads}. */
    private IntSupplier threadShare;
    private float[] batchFeatures = new float[0];
    private int[] batchLabels = new int[0];
    /** The rows of one evaluation chunk: an image split converts its bytes to floats here. */
    private float[] evaluationFeatures = new float[0];
    private float[] batchTargets = new float[0];

    BatchModel(String component, int threads) {
        this.component = component;
        this.matMul = new MatMul(threads);
    }

    /** Number of input features the model expects. */
    abstract int inputs();

    /** Number of outputs (classes for a classifier, targets for a regression). */
    abstract int outputs();

    /** Whether the model is trained on class labels (otherwise on real-valued targets). */
    abstract boolean classification();

    /** Rows evaluated at once by {@link #evaluate}, bounding the workspace. */
    int evaluationChunk() {
        return 1000;
    }

    /**
     * Forward pass over {@code batch} rows at {@code x[xOffset…]} and, if {@code gradient} is not null, the
     * backward pass overwriting {@code gradient}. Returns the mean loss; {@link #lastCorrect()} then tells how
     * many examples were classified correctly.
     */
    abstract double run(MatMul matMul, float[] parameters, float[] gradient, float[] x, int xOffset, int[] labels,
            int labelOffset, float[] targets, int targetOffset, int batch, SplittableRandom dropoutRandom);

    abstract int lastCorrect();

    /** Threads each matrix product uses (1 by default). Results are bitwise identical for any value. */
    public int threads() {
        return matMul.threads();
    }

    /** Sets the intra-op thread count; see {@link MatMul} for why results do not depend on it. */
    public void setThreads(int threads) {
        matMul.setThreads(threads);
        threadShare = null;
    }

    @Override
    public void shareThreads(IntSupplier threads) {
        threadShare = threads;
    }

    /** Takes the current share of threads, at most 256 and at least 1. */
    private void refreshThreads() {
        if (threadShare != null) {
            matMul.setThreads(Math.max(1, Math.min(256, threadShare.getAsInt())));
        }
    }

    final void check(DataSplit split) {
        if (split.featureCount() != inputs()) {
            throw new IllegalArgumentException(component + ": the model expects " + inputs()
                    + " input features but split " + split.name() + " has " + split.featureCount()
                    + "; pick a model built for this data set");
        }
        if (classification() && !split.isClassification()) {
            throw new IllegalArgumentException(component + ": the model is a classifier but split " + split.name()
                    + " has real-valued targets; use a regression model (linear, or mlp with loss=mse)");
        }
        if (!classification()) {
            if (split.isClassification()) {
                throw new IllegalArgumentException(component + ": the model is a regression but split "
                        + split.name() + " has class labels; use softmax, mlp or cnn");
            }
            if (split.targetCount() != outputs()) {
                throw new IllegalArgumentException(component + ": the model has " + outputs()
                        + " outputs but split " + split.name() + " has " + split.targetCount()
                        + " targets per example");
            }
        }
    }

    @Override
    public Objective batch(DataSplit split, int[] order, int from, int to, SplittableRandom dropoutRandom) {
        check(split);
        if (from < 0 || to > order.length || from >= to) {
            throw new IllegalArgumentException(component + ": batch range [" + from + ", " + to
                    + ") must be non-empty and inside the order of length " + order.length);
        }
        refreshThreads();
        int size = to - from;
        int inputs = inputs();
        if (batchFeatures.length < size * inputs) {
            batchFeatures = new float[size * inputs];
        }
        gather(split, order, from, to, batchFeatures);
        if (split.isClassification()) {
            if (batchLabels.length < size) {
                batchLabels = new int[size];
            }
            for (int r = 0; r < size; r++) {
                batchLabels[r] = split.labels()[order[from + r]];
            }
        } else {
            int targets = split.targetCount();
            if (batchTargets.length < size * targets) {
                batchTargets = new float[size * targets];
            }
            for (int r = 0; r < size; r++) {
                System.arraycopy(split.targets(), order[from + r] * targets, batchTargets, r * targets, targets);
            }
        }
        int dimension = dimension();
        // One mask seed per batch: every evaluation of this objective (a rule may evaluate twice in one update)
        // draws the same masks, so the masks of an update do not depend on how the rule uses its gradient.
        boolean masked = dropoutRandom != null;
        long maskSeed = masked ? dropoutRandom.nextLong() : 0;
        return new Objective() {
            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public double lossAndGradient(float[] point, float[] gradientOut) {
                return run(matMul, point, gradientOut, batchFeatures, 0, batchLabels, 0, batchTargets, 0, size,
                        masked ? new SplittableRandom(maskSeed) : null);
            }

            @Override
            public void forEachRange(int length, RangeUpdate update) {
                updateInPieces(matMul.threads(), length, update);
            }
        };
    }

    /** A pass over examples [from, to) that writes only those examples' rows of its outputs. */
    interface ExamplePass {
        void run(int chunk, int from, int to);
    }

    /**
     * Runs a per-example pass over {@code batch} examples in a few chunks of examples on {@code threads} threads
     * (the batch's gathering, the CNN's per-example passes): the same chunks, so the same examples, on the same thread
     * from pass to pass. Every output element belongs to one example, so the chunking changes no result.
     */
    static void forExamples(int threads, int batch, ExamplePass pass) {
        int chunks = chunks(threads, batch);
        Workers.run(threads, chunks, chunk -> pass.run(chunk, (int) ((long) batch * chunk / chunks),
                (int) ((long) batch * (chunk + 1) / chunks)));
    }

    /** Number of chunks {@link #forExamples} cuts a batch into. */
    static int chunks(int threads, int batch) {
        return Math.min(batch, 4 * threads);
    }

    /**
     * Batches of at least this many features are gathered on all the model's threads: reading rows scattered over a
     * whole data set is memory-latency bound (a 64-row MNIST batch took about 40 µs, alone on one core).
     */
    static final int PARALLEL_GATHER = 1 << 15;

    /**
     * The features of examples {@code order[from..to)} into {@code out}, row by row. Which thread copies a row does not
     * change it.
     */
    private void gather(DataSplit split, int[] order, int from, int to, float[] out) {
        int size = to - from;
        int inputs = inputs();
        int threads = matMul.threads();
        if (threads == 1 || (long) size * inputs < PARALLEL_GATHER) {
            split.copyRows(order, from, to, out);
            return;
        }
        forExamples(threads, size, (chunk, first, last) -> {
            for (int r = first; r < last; r++) {
                split.copyRow(order[from + r], out, r * inputs);
            }
        });
    }

    /**
     * {@link Objective#forEachRange} of a batch's objective: {@link #splitUpdate} unless a model cuts it its own way.
     */
    void updateInPieces(int threads, int length, Objective.RangeUpdate update) {
        splitUpdate(threads, length, update);
    }

    /**
     * Element-wise updates shorter than this run as one range: a 784-128-10 MLP's 101,770 parameters are about the
     * smallest update worth a second thread (tens of microseconds of work against a few for handing out pieces).
     */
    static final int PARALLEL_UPDATE = 1 << 16;
    /** Pieces of a split update start at multiples of this many elements (4 KB): no cache line is shared. */
    static final int UPDATE_ALIGNMENT = 1024;

    /**
     * {@link Objective#forEachRange} on {@code threads} threads: about 4 pieces per thread of aligned ranges, claimed
     * on demand like the products' chunks ({@link Workers}). Each index is updated exactly once, by one thread, with
     * the rule's own arithmetic, so the parameters are bitwise those of one range.
     */
    static void splitUpdate(int threads, int length, Objective.RangeUpdate update) {
        if (threads == 1 || length < PARALLEL_UPDATE) {
            update.apply(0, length);
            return;
        }
        int blocks = (length + UPDATE_ALIGNMENT - 1) / UPDATE_ALIGNMENT;
        int pieces = Math.min(blocks, 4 * threads);
        Workers.run(threads, pieces, piece -> update.apply(
                (int) ((long) blocks * piece / pieces) * UPDATE_ALIGNMENT,
                (int) Math.min(length, (long) blocks * (piece + 1) / pieces * UPDATE_ALIGNMENT)));
    }

    @Override
    public Evaluation evaluate(float[] parameters, DataSplit split) {
        check(split);
        if (split.count() == 0) {
            return new Evaluation(Double.NaN, Double.NaN);
        }
        refreshThreads();
        int chunk = evaluationChunk();
        double lossSum = 0;
        long hits = 0;
        int inputs = inputs();
        int rows = Math.min(chunk, split.count());
        if (evaluationFeatures.length < rows * inputs) {
            evaluationFeatures = new float[rows * inputs];
        }
        for (int start = 0; start < split.count(); start += chunk) {
            int size = Math.min(chunk, split.count() - start);
            split.copyRows(start, size, evaluationFeatures);
            double mean = run(matMul, parameters, null, evaluationFeatures, 0, split.labels(), start,
                    split.targets(), start * split.targetCount(), size, null);
            lossSum += mean * size;
            hits += lastCorrect();
        }
        double accuracy = classification() ? (double) hits / split.count() : Double.NaN;
        return new Evaluation(lossSum / split.count(), accuracy);
    }
}
