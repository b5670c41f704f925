package org.optbench.harness.wiring;

import static org.optbench.harness.wiring.ParameterSpec.bool;
import static org.optbench.harness.wiring.ParameterSpec.real;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.ProvidesIntoMap;
import com.google.inject.multibindings.StringMapKey;
import java.util.List;
import org.optbench.optimizers.AdaDelta;
import org.optbench.optimizers.AdaGrad;
import org.optbench.optimizers.Adam;
import org.optbench.optimizers.AdamW;
import org.optbench.optimizers.AmsGrad;
import org.optbench.optimizers.DeltaBarDelta;
import org.optbench.optimizers.Momentum;
import org.optbench.optimizers.Nesterov;
import org.optbench.optimizers.NesterovSimplified;
import org.optbench.optimizers.RmsProp;
import org.optbench.optimizers.Sgd;

/**
 * The docs/math.md update rules by name. Adding an optimizer is its record plus one method here (or in the user's own
 * module, passed with {@code --module}); the record's constructor does the range checks.
 */
public final class OptimizersModule extends AbstractModule {
    private static final String LR = "lr";

    @Override
    protected void configure() {
        MapBinder.newMapBinder(binder(), String.class, OptimizerFactory.class);
    }

    private static ParameterSpec learningRate(double defaultValue) {
        return real(LR, defaultValue, "base learning rate η_0, > 0 (the schedule shapes it)");
    }

    private static ParameterSpec momentum(double defaultValue) {
        return real("momentum", defaultValue, "momentum α, in [0, 1)");
    }

    @ProvidesIntoMap
    @StringMapKey(Sgd.NAME)
    OptimizerFactory sgd() {
        return Factories.optimizer(Sgd.NAME, "θ ← θ − η g", List.of(learningRate(Sgd.DEFAULT_LEARNING_RATE)),
                v -> new Sgd(v.real(LR)));
    }

    @ProvidesIntoMap
    @StringMapKey(Momentum.NAME)
    OptimizerFactory momentumRule() {
        return Factories.optimizer(Momentum.NAME, "v ← α v − η g ; θ ← θ + v",
                List.of(learningRate(Momentum.DEFAULT_LEARNING_RATE), momentum(Momentum.DEFAULT_MOMENTUM)),
                v -> new Momentum(v.real(LR), v.real("momentum")));
    }

    @ProvidesIntoMap
    @StringMapKey(Nesterov.NAME)
    OptimizerFactory nesterov() {
        return Factories.optimizer(Nesterov.NAME, "look-ahead: g = ∇L(θ + α v) ; v ← α v − η g ; θ ← θ + v",
                List.of(learningRate(Nesterov.DEFAULT_LEARNING_RATE), momentum(Nesterov.DEFAULT_MOMENTUM)),
                v -> new Nesterov(v.real(LR), v.real("momentum")));
    }

    @ProvidesIntoMap
    @StringMapKey(NesterovSimplified.NAME)
    OptimizerFactory nesterovSimplified() {
        return Factories.optimizer(NesterovSimplified.NAME,
                "Bengio et al. 2012: Θ ← Θ + α² v − η (1 + α) g ; v ← α v − η g (PyTorch nesterov=True)",
                List.of(learningRate(NesterovSimplified.DEFAULT_LEARNING_RATE), momentum(NesterovSimplified.DEFAULT_MOMENTUM)),
                v -> new NesterovSimplified(v.real(LR), v.real("momentum")));
    }

    @ProvidesIntoMap
    @StringMapKey(AdaGrad.NAME)
    OptimizerFactory adagrad() {
        return Factories.optimizer(AdaGrad.NAME, "r ← r + g⊙g ; θ ← θ − η g / (δ + √r)",
                List.of(learningRate(AdaGrad.DEFAULT_LEARNING_RATE), real("eps", AdaGrad.DEFAULT_EPS, "δ, > 0")),
                v -> new AdaGrad(v.real(LR), v.real("eps")));
    }

    @ProvidesIntoMap
    @StringMapKey(RmsProp.NAME)
    OptimizerFactory rmsprop() {
        return Factories.optimizer(RmsProp.NAME, "r ← ρ r + (1 − ρ) g⊙g ; θ ← θ − η g / (δ + √r)",
                List.of(learningRate(RmsProp.DEFAULT_LEARNING_RATE), real("rho", RmsProp.DEFAULT_RHO, "ρ, in [0, 1)"),
                        real("eps", RmsProp.DEFAULT_EPS, "δ, > 0"),
                        bool("eps_inside", RmsProp.DEFAULT_EPS_INSIDE, "true: θ ← θ − η g / √(δ + r) (Goodfellow et al. Alg. 8.5)")),
                v -> new RmsProp(v.real(LR), v.real("rho"), v.real("eps"), v.bool("eps_inside")));
    }

    @ProvidesIntoMap
    @StringMapKey(AdaDelta.NAME)
    OptimizerFactory adadelta() {
        return Factories.optimizer(AdaDelta.NAME,
                "r ← ρ r + (1 − ρ) g⊙g ; Δ = −(√(δ + s) / √(δ + r)) g ; s ← ρ s + (1 − ρ) Δ⊙Δ ; θ ← θ + η Δ",
                List.of(real("rho", AdaDelta.DEFAULT_RHO, "ρ, in [0, 1)"), real("eps", AdaDelta.DEFAULT_EPS, "δ, > 0"),
                        real(LR, AdaDelta.DEFAULT_LEARNING_RATE, "multiplies Δ in the θ update only (PyTorch's lr), > 0")),
                v -> new AdaDelta(v.real("rho"), v.real("eps"), v.real(LR)));
    }

    @ProvidesIntoMap
    @StringMapKey(Adam.NAME)
    OptimizerFactory adam() {
        return Factories.optimizer(Adam.NAME, "Kingma and Ba 2015: θ ← θ − η ŝ / (δ + √r̂) with bias-corrected moments",
                List.of(learningRate(Adam.DEFAULT_LEARNING_RATE), real("beta1", Adam.DEFAULT_BETA1, "ρ1, in [0, 1)"),
                        real("beta2", Adam.DEFAULT_BETA2, "ρ2, in [0, 1)"), real("eps", Adam.DEFAULT_EPS, "δ, > 0"),
                        bool("eps_inside", Adam.DEFAULT_EPS_INSIDE, "true: √(r̂ + δ) instead of δ + √r̂")),
                v -> new Adam(v.real(LR), v.real("beta1"), v.real("beta2"), v.real("eps"), v.bool("eps_inside")));
    }

    @ProvidesIntoMap
    @StringMapKey(DeltaBarDelta.NAME)
    OptimizerFactory deltaBarDelta() {
        return Factories.optimizer(DeltaBarDelta.NAME,
                "Jacobs 1988: per-parameter rates, +κ when δ̄·g > 0, ×(1 − φ) when < 0; meant for full batches",
                List.of(learningRate(DeltaBarDelta.DEFAULT_LEARNING_RATE), real("kappa", DeltaBarDelta.DEFAULT_KAPPA, "κ, >= 0"),
                        real("phi", DeltaBarDelta.DEFAULT_PHI, "φ, in [0, 1]"), real("beta", DeltaBarDelta.DEFAULT_BETA, "β, in [0, 1)")),
                v -> new DeltaBarDelta(v.real(LR), v.real("kappa"), v.real("phi"), v.real("beta")));
    }

    @ProvidesIntoMap
    @StringMapKey(AdamW.NAME)
    OptimizerFactory adamw() {
        return Factories.optimizer(AdamW.NAME, "Loshchilov and Hutter 2019: θ ← (1 − η λ) θ, then the Adam update (decoupled weight decay)",
                List.of(learningRate(AdamW.DEFAULT_LEARNING_RATE), real("beta1", AdamW.DEFAULT_BETA1, "ρ1, in [0, 1)"),
                        real("beta2", AdamW.DEFAULT_BETA2, "ρ2, in [0, 1)"), real("eps", AdamW.DEFAULT_EPS, "δ, > 0"),
                        real("weight_decay", AdamW.DEFAULT_WEIGHT_DECAY, "decoupled weight decay λ, >= 0")),
                v -> new AdamW(v.real(LR), v.real("beta1"), v.real("beta2"), v.real("eps"), v.real("weight_decay")));
    }

    @ProvidesIntoMap
    @StringMapKey(AmsGrad.NAME)
    OptimizerFactory amsgrad() {
        return Factories.optimizer(AmsGrad.NAME, "Reddi et al. 2018: Adam with the running maximum of r̂ in the denominator",
                List.of(learningRate(AmsGrad.DEFAULT_LEARNING_RATE), real("beta1", AmsGrad.DEFAULT_BETA1, "ρ1, in [0, 1)"),
                        real("beta2", AmsGrad.DEFAULT_BETA2, "ρ2, in [0, 1)"), real("eps", AmsGrad.DEFAULT_EPS, "δ, > 0")),
                v -> new AmsGrad(v.real(LR), v.real("beta1"), v.real("beta2"), v.real("eps")));
    }
}
