package org.optbench.harness.wiring;

import static org.optbench.harness.wiring.ParameterSpec.bool;
import static org.optbench.harness.wiring.ParameterSpec.choice;
import static org.optbench.harness.wiring.ParameterSpec.integer;
import static org.optbench.harness.wiring.ParameterSpec.real;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.ProvidesIntoMap;
import com.google.inject.multibindings.StringMapKey;
import java.util.List;
import org.optbench.optimizers.regularizers.Dropout;
import org.optbench.optimizers.regularizers.EarlyStopping;
import org.optbench.optimizers.regularizers.L1;
import org.optbench.optimizers.regularizers.L2;
import org.optbench.optimizers.regularizers.MaxNorm;

/** The regularizers by name, each acting at its own hook point of the trial loop. */
public final class RegularizersModule extends AbstractModule {
    /** Dropout's default drop probability (Srivastava et al. 2014 use 0.5 on hidden units). */
    public static final double DEFAULT_DROPOUT = 0.5;
    /** Early stopping's default patience in epochs. */
    public static final int DEFAULT_PATIENCE = 5;

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, RegularizerFactory.class);
    }

    @ProvidesIntoMap
    @StringMapKey(L2.NAME)
    RegularizerFactory l2() {
        return Factories.regularizer(L2.NAME, "loss + λ Σ θ², gradient + 2 λ θ (weights only unless biases=true)",
                List.of(real("lambda", L2.DEFAULT_LAMBDA, "λ, >= 0"), bool("biases", L2.DEFAULT_INCLUDE_BIASES, "penalize biases too")),
                v -> new L2(v.real("lambda"), v.bool("biases")));
    }

    @ProvidesIntoMap
    @StringMapKey(L1.NAME)
    RegularizerFactory l1() {
        return Factories.regularizer(L1.NAME, "loss + λ Σ |θ|, gradient + λ sign(θ) (weights only unless biases=true)",
                List.of(real("lambda", L1.DEFAULT_LAMBDA, "λ, >= 0"), bool("biases", L1.DEFAULT_INCLUDE_BIASES, "penalize biases too")),
                v -> new L1(v.real("lambda"), v.bool("biases")));
    }

    @ProvidesIntoMap
    @StringMapKey(MaxNorm.NAME)
    RegularizerFactory maxNorm() {
        return Factories.regularizer(MaxNorm.NAME, "after each update, rescale each unit's incoming weights to ‖w‖₂ ≤ c",
                List.of(real("c", MaxNorm.DEFAULT_MAX_NORM, "the norm bound, > 0")), v -> new MaxNorm(v.real("c")));
    }

    @ProvidesIntoMap
    @StringMapKey("dropout")
    RegularizerFactory dropout() {
        return Factories.regularizer("dropout", "inverted dropout on hidden activations while training (models with hidden layers)",
                List.of(real("p", DEFAULT_DROPOUT, "drop probability, in [0, 1)")), v -> new Dropout(v.real("p")));
    }

    @ProvidesIntoMap
    @StringMapKey("early-stopping")
    RegularizerFactory earlyStopping() {
        return Factories.regularizer("early-stopping",
                "stop after patience epochs without improvement of a validation metric; restore the best parameters",
                List.of(integer("patience", DEFAULT_PATIENCE, "epochs without improvement, >= 1"),
                        real("min_delta", 0.0, "smallest change counted as an improvement, >= 0"),
                        choice("metric", "val_loss", "the watched metric", "val_loss", "val_accuracy")),
                v -> new EarlyStopping(v.integer("patience"), v.real("min_delta"), EarlyStopping.Metric.parse(v.choice("metric"))));
    }
}
