package org.optbench.harness.testing;

import java.util.SplittableRandom;
import java.util.function.IntSupplier;
import org.optbench.datasets.DataSplit;
import org.optbench.harness.models.Evaluation;
import org.optbench.harness.models.Model;
import org.optbench.optimizers.Objective;
import org.optbench.optimizers.ParameterLayout;

/** A model that hands every call to another; a test overrides the calls it watches. */
public abstract class ForwardingModel implements Model {
    private final Model inner;

    protected ForwardingModel(Model inner) {
        this.inner = inner;
    }

    @Override
    public ParameterLayout layout() {
        return inner.layout();
    }

    @Override
    public void initialize(float[] parameters, SplittableRandom random) {
        inner.initialize(parameters, random);
    }

    @Override
    public Objective batch(DataSplit split, int[] order, int from, int to, SplittableRandom dropoutRandom) {
        return inner.batch(split, order, from, to, dropoutRandom);
    }

    @Override
    public Evaluation evaluate(float[] parameters, DataSplit split) {
        return inner.evaluate(parameters, split);
    }

    @Override
    public void shareThreads(IntSupplier threads) {
        inner.shareThreads(threads);
    }
}
