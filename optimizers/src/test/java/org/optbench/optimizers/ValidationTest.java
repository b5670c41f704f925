package org.optbench.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optbench.optimizers.regularizers.Dropout;
import org.optbench.optimizers.regularizers.EarlyStopping;
import org.optbench.optimizers.regularizers.L1;
import org.optbench.optimizers.regularizers.L2;
import org.optbench.optimizers.regularizers.MaxNorm;
import org.optbench.optimizers.regularizers.RegularizerSet;
import org.optbench.optimizers.schedules.ConstantRate;
import org.optbench.optimizers.schedules.CosineDecay;
import org.optbench.optimizers.schedules.ExponentialDecay;
import org.optbench.optimizers.schedules.InverseTimeDecay;
import org.optbench.optimizers.schedules.LinearDecay;
import org.optbench.optimizers.schedules.LinearWarmup;
import org.optbench.optimizers.schedules.OneCycle;
import org.optbench.optimizers.schedules.Piecewise;
import org.optbench.optimizers.schedules.RobbinsMonro;
import org.optbench.optimizers.schedules.ScheduleUnit;
import org.optbench.optimizers.schedules.StepDecay;

/** Every validation message of the library, word for word: component, key, allowed range, value. */
class ValidationTest {

    static Stream<Arguments> rejected() {
        return Stream.of(
                // optimizers
                bad("sgd: lr must be a finite number > 0, got 0.0", () -> new Sgd(0)),
                bad("sgd: lr must be a finite number > 0, got NaN", () -> new Sgd(Double.NaN)),
                bad("momentum: lr must be a finite number > 0, got -0.1", () -> new Momentum(-0.1, 0.9)),
                bad("momentum: momentum must be in [0, 1), got 1.0", () -> new Momentum(0.1, 1)),
                bad("nesterov: lr must be a finite number > 0, got Infinity",
                        () -> new Nesterov(Double.POSITIVE_INFINITY, 0.9)),
                bad("nesterov: momentum must be in [0, 1), got -0.5", () -> new Nesterov(0.1, -0.5)),
                bad("nesterov-simplified: lr must be a finite number > 0, got 0.0",
                        () -> new NesterovSimplified(0, 0.9)),
                bad("nesterov-simplified: momentum must be in [0, 1), got 1.5",
                        () -> new NesterovSimplified(0.1, 1.5)),
                bad("adagrad: lr must be a finite number > 0, got -1.0", () -> new AdaGrad(-1, 1e-7)),
                bad("adagrad: eps must be a finite number > 0, got 0.0", () -> new AdaGrad(0.1, 0)),
                bad("rmsprop: lr must be a finite number > 0, got 0.0", () -> new RmsProp(0, 0.9, 1e-7, false)),
                bad("rmsprop: rho must be in [0, 1), got 1.0", () -> new RmsProp(0.1, 1, 1e-7, false)),
                bad("rmsprop: eps must be a finite number > 0, got -1.0E-7", () -> new RmsProp(0.1, 0.9, -1e-7, true)),
                bad("adadelta: rho must be in [0, 1), got 1.2", () -> new AdaDelta(1.2, 1e-6, 1)),
                bad("adadelta: eps must be a finite number > 0, got 0.0", () -> new AdaDelta(0.95, 0, 1)),
                bad("adadelta: lr must be a finite number > 0, got 0.0", () -> new AdaDelta(0.95, 1e-6, 0)),
                bad("adam: lr must be a finite number > 0, got 0.0", () -> new Adam(0, 0.9, 0.999, 1e-8, false)),
                bad("adam: beta1 must be in [0, 1), got -0.1", () -> new Adam(1e-3, -0.1, 0.999, 1e-8, false)),
                bad("adam: beta2 must be in [0, 1), got 1.5", () -> new Adam(1e-3, 0.9, 1.5, 1e-8, false)),
                bad("adam: eps must be a finite number > 0, got 0.0", () -> new Adam(1e-3, 0.9, 0.999, 0, false)),
                bad("delta-bar-delta: lr must be a finite number > 0, got 0.0",
                        () -> new DeltaBarDelta(0, 1e-4, 0.1, 0.7)),
                bad("delta-bar-delta: kappa must be a finite number >= 0, got -1.0E-4",
                        () -> new DeltaBarDelta(0.01, -1e-4, 0.1, 0.7)),
                bad("delta-bar-delta: phi must be in [0, 1], got 1.1", () -> new DeltaBarDelta(0.01, 1e-4, 1.1, 0.7)),
                bad("delta-bar-delta: beta must be in [0, 1), got 1.0", () -> new DeltaBarDelta(0.01, 1e-4, 0.1, 1)),
                bad("adam: dimension must be >= 1, got 0", () -> new Adam().init(0)),
                bad("adamw: weight_decay must be a finite number >= 0, got -0.01",
                        () -> new AdamW(1e-3, 0.9, 0.999, 1e-8, -0.01)),
                bad("adamw: beta1 must be in [0, 1), got 1.0", () -> new AdamW(1e-3, 1, 0.999, 1e-8, 0.01)),
                bad("adamw: lr must be a finite number > 0, got 0.0", () -> new AdamW(0, 0.9, 0.999, 1e-8, 0.01)),
                bad("adamw: beta2 must be in [0, 1), got 1.0", () -> new AdamW(1e-3, 0.9, 1, 1e-8, 0.01)),
                bad("adamw: eps must be a finite number > 0, got 0.0", () -> new AdamW(1e-3, 0.9, 0.999, 0, 0.01)),
                bad("amsgrad: lr must be a finite number > 0, got -1.0", () -> new AmsGrad(-1, 0.9, 0.999, 1e-8)),
                bad("amsgrad: beta1 must be in [0, 1), got 2.0", () -> new AmsGrad(1e-3, 2, 0.999, 1e-8)),
                bad("amsgrad: beta2 must be in [0, 1), got -0.5", () -> new AmsGrad(1e-3, 0.9, -0.5, 1e-8)),
                bad("amsgrad: eps must be a finite number > 0, got 0.0", () -> new AmsGrad(1e-3, 0.9, 0.999, 0)),
                // schedules
                bad("constant: base rate must be a finite number > 0, got 0.0", () -> new ConstantRate(0)),
                bad("step: gamma must be in (0, 1], got 2.0", () -> new StepDecay(0.1, 2.0, 10)),
                bad("step: gamma must be in (0, 1], got 0.0", () -> new StepDecay(0.1, 0, 10)),
                bad("step: every must be >= 1, got 0", () -> new StepDecay(0.1, 0.5, 0)),
                bad("step: base rate must be a finite number > 0, got -0.1", () -> new StepDecay(-0.1, 0.5, 1)),
                bad("piecewise: boundaries and values must have the same length, got 2 boundaries and 1 values",
                        () -> new Piecewise(0.1, new long[] {1, 2}, new double[] {0.1})),
                bad("piecewise: boundaries must be strictly increasing, got 5 then 5",
                        () -> new Piecewise(0.1, new long[] {5, 5}, new double[] {0.1, 0.2})),
                bad("piecewise: boundaries[0] must be >= 0, got -1",
                        () -> new Piecewise(0.1, new long[] {-1}, new double[] {0.1})),
                bad("piecewise: values[1] must be a finite number >= 0, got -0.2",
                        () -> new Piecewise(0.1, new long[] {1, 2}, new double[] {0.1, -0.2})),
                bad("piecewise: boundaries and values must both be given", () -> new Piecewise(0.1, null, null)),
                bad("exponential: decay must be a finite number >= 0, got -1.0", () -> new ExponentialDecay(0.1, -1)),
                bad("inverse-time: decay must be a finite number >= 0, got NaN",
                        () -> new InverseTimeDecay(0.1, Double.NaN)),
                bad("robbins-monro: base rate must be a finite number > 0, got 0.0", () -> new RobbinsMonro(0)),
                bad("linear-decay: steps must be >= 1, got 0", () -> new LinearDecay(0.1, 0, 0.01)),
                bad("linear-decay: final must be a finite number >= 0, got -0.01", () -> new LinearDecay(0.1, 10, -0.01)),
                bad("cosine: steps must be >= 1, got -5", () -> new CosineDecay(0.1, -5, 0)),
                bad("warmup: warmup must be >= 1, got 0", () -> new LinearWarmup(0, new ConstantRate(0.1))),
                bad("warmup: the schedule after warm-up must be given", () -> new LinearWarmup(5, null)),
                bad("one-cycle: steps must be >= 2, got 1", () -> new OneCycle(0.1, 1, 0.3, 25, 1e4)),
                bad("one-cycle: pct must be in (0, 1], got 0.0", () -> new OneCycle(0.1, 100, 0, 25, 1e4)),
                bad("one-cycle: div must be finite and >= 1, got 0.5", () -> new OneCycle(0.1, 100, 0.3, 0.5, 1e4)),
                bad("one-cycle: final_div must be finite and >= 1, got NaN", () -> new OneCycle(0.1, 100, 0.3, 25, Double.NaN)),
                bad("one-cycle: pct · steps − 1 must be in [1, steps − 1), got 0.5 (pct 0.3, steps 5); raise steps or pct",
                        () -> new OneCycle(0.1, 5, 0.3, 25, 1e4)),
                bad("schedule: steps per epoch must be at least 1, got 0",
                        () -> new ConstantRate(0.1).perUpdate(ScheduleUnit.EPOCH, 0)),
                bad("schedule: unit must be step or epoch, got epochs", () -> ScheduleUnit.parse("epochs")),
                // regularizers
                bad("l2: lambda must be a finite number >= 0, got -1.0E-4", () -> new L2(-1e-4)),
                bad("l1: lambda must be a finite number >= 0, got Infinity", () -> new L1(Double.POSITIVE_INFINITY)),
                bad("max-norm: c must be a finite number > 0, got 0.0", () -> new MaxNorm(0)),
                bad("dropout: p must be in [0, 1), got 1.0", () -> new Dropout(1)),
                bad("early-stopping: patience must be >= 1, got 0",
                        () -> new EarlyStopping(0, 0, EarlyStopping.Metric.VAL_LOSS)),
                bad("early-stopping: min_delta must be a finite value >= 0, got -0.1",
                        () -> new EarlyStopping(3, -0.1, EarlyStopping.Metric.VAL_LOSS)),
                bad("early-stopping: metric must be val_loss or val_accuracy, got accuracy",
                        () -> EarlyStopping.Metric.parse("accuracy")),
                bad("regularizers: at most one dropout per set",
                        () -> new RegularizerSet(List.of(new Dropout(0.5), new Dropout(0.2)))),
                bad("regularizers: at most one early-stopping per set",
                        () -> new RegularizerSet(List.of(new EarlyStopping(3, 0, EarlyStopping.Metric.VAL_LOSS),
                                new EarlyStopping(5, 0, EarlyStopping.Metric.VAL_ACCURACY)))));
    }

    private static Arguments bad(String message, Supplier<?> construction) {
        return Arguments.of(message, construction);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectsWithOneClearMessage(String message, Supplier<?> construction) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, construction::get);
        assertEquals(message, error.getMessage());
    }

    @Test
    void aStateRejectsVectorsOfTheWrongLength() {
        OptimizerState state = new Momentum().init(3);
        Objective three = TestObjectives.of(3, (x, g) -> 0);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> state.step(new float[2], three, 0.1));
        assertEquals("momentum: theta has length 2, but this state was created for dimension 3", error.getMessage());
        error = assertThrows(IllegalArgumentException.class,
                () -> state.step(new float[3], TestObjectives.of(4, (x, g) -> 0), 0.1));
        assertEquals("momentum: the objective has dimension 4, but this state was created for dimension 3",
                error.getMessage());
    }

    @Test
    void defaultsAreValidAndNamed() {
        List<Optimizer> defaults = List.of(new Sgd(), new Momentum(), new Nesterov(), new NesterovSimplified(),
                new AdaGrad(), new RmsProp(), new AdaDelta(), new Adam(), new DeltaBarDelta());
        assertEquals(List.of("sgd", "momentum", "nesterov", "nesterov-simplified", "adagrad", "rmsprop", "adadelta",
                "adam", "delta-bar-delta"), defaults.stream().map(Optimizer::name).toList());
        // docs/math.md defaults
        assertEquals(new Adam(1e-3, 0.9, 0.999, 1e-8, false), new Adam());
        assertEquals(new RmsProp(0.01, 0.9, 1e-7, false), new RmsProp());
        assertEquals(new AdaDelta(0.95, 1e-6, 1.0), new AdaDelta());
        assertEquals(new AdaGrad(0.01, 1e-7), new AdaGrad());
        assertEquals(new DeltaBarDelta(0.01, 1e-4, 0.1, 0.7), new DeltaBarDelta());
        assertEquals(new AdamW(1e-3, 0.9, 0.999, 1e-8, 0.01), new AdamW());
        assertEquals(new AmsGrad(1e-3, 0.9, 0.999, 1e-8), new AmsGrad());
        assertEquals(List.of("adamw", "amsgrad"), List.of(new AdamW().name(), new AmsGrad().name()));
        assertEquals(0.9, new Momentum().momentum());
        assertEquals(1.0, new AdaDelta().learningRate());
    }
}
