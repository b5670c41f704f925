package org.optbench.optimizers.regularizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.optbench.optimizers.Objective;
import org.optbench.optimizers.ParameterLayout;

/**
 * The regularizers of one trial, sorted by hook point. At most one {@link Dropout} and one
 * {@link EarlyStopping}; any number of penalties and projections, applied in the order given.
 *
 * @param all every regularizer of the set, in the order given by the user
 */
public record RegularizerSet(List<Regularizer> all) {

    public RegularizerSet {
        all = List.copyOf(all);
        if (all.stream().filter(Dropout.class::isInstance).count() > 1) {
            throw new IllegalArgumentException("regularizers: at most one dropout per set");
        }
        if (all.stream().filter(EarlyStopping.class::isInstance).count() > 1) {
            throw new IllegalArgumentException("regularizers: at most one early-stopping per set");
        }
    }

    /** The empty set: no regularization. */
    public static RegularizerSet none() {
        return new RegularizerSet(List.of());
    }

    /** The penalties, added to the loss and gradient. */
    public List<Penalty> penalties() {
        return ofType(Penalty.class);
    }

    /** The projections, applied after each update. */
    public List<Projection> projections() {
        return ofType(Projection.class);
    }

    /** The dropout rule for the model's hidden layers, if any. */
    public Optional<Dropout> dropout() {
        return ofType(Dropout.class).stream().findFirst();
    }

    /** The early-stopping rule, if any. */
    public Optional<EarlyStopping> earlyStopping() {
        return ofType(EarlyStopping.class).stream().findFirst();
    }

    /**
     * {@code base} plus every penalty: loss and gradient both include them, wherever an optimizer evaluates the
     * objective (Nesterov's look-ahead included). Returns {@code base} itself when there is no penalty.
     */
    public Objective penalized(Objective base, ParameterLayout layout) {
        List<Penalty> penalties = penalties();
        if (penalties.isEmpty()) {
            return base;
        }
        return new Objective() {
            @Override
            public int dimension() {
                return base.dimension();
            }

            @Override
            public double lossAndGradient(float[] point, float[] gradientOut) {
                double loss = base.lossAndGradient(point, gradientOut);
                for (Penalty penalty : penalties) {
                    loss += penalty.penalty(point, layout);
                    penalty.addGradient(point, gradientOut, layout);
                }
                return loss;
            }

            @Override
            public void forEachRange(int length, RangeUpdate update) {
                base.forEachRange(length, update);
            }
        };
    }

    /** Applies every projection to {@code theta}, in order; call after each update. */
    public void afterUpdate(float[] theta, ParameterLayout layout) {
        for (Projection projection : projections()) {
            projection.project(theta, layout);
        }
    }

    private <T> List<T> ofType(Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Regularizer regularizer : all) {
            if (type.isInstance(regularizer)) {
                found.add(type.cast(regularizer));
            }
        }
        return found;
    }
}
