package org.optbench.harness.wiring;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.optbench.datasets.Dataset;
import org.optbench.datasets.functions.TestFunction;
import org.optbench.harness.models.Model;
import org.optbench.optimizers.Optimizer;
import org.optbench.optimizers.regularizers.Dropout;
import org.optbench.optimizers.regularizers.Regularizer;
import org.optbench.optimizers.schedules.RunLength;
import org.optbench.optimizers.schedules.Schedule;

/**
 * Small factories from a name, a description, parameters and a constructor call, so that a Guice binding of a
 * component is one short {@code @ProvidesIntoMap} method.
 *
 * <p>Contracts shared by every factory: {@code name} is the user-facing name and must equal the
 * {@code @StringMapKey}; {@code description} is one line for {@code optbench list}; {@code parameters} are the
 * keys the user may write, in the order outputs echo them (a {@code null} default makes the parameter optional
 * with no value, so {@link ParameterValues#has} is false unless the user gives it; read it only after checking,
 * or throw an {@link IllegalArgumentException} saying it must be given). {@code create} is called once while the
 * experiment is checked and again in every trial: it must be cheap and pure, and reject bad values with an
 * {@link IllegalArgumentException} whose message reads {@code name: key must be ..., got ...}.
 */
public final class Factories {

    private Factories() {
    }

    /** An optimizer factory. */
    public static OptimizerFactory optimizer(String name, String description, List<ParameterSpec> parameters,
            Function<ParameterValues, Optimizer> create) {
        return new SimpleOptimizer(name, description, List.copyOf(parameters), create);
    }

    /** How a schedule is built from its parameters, the base rate η_0 (the optimizer's {@code lr}) and the run's length. */
    @FunctionalInterface
    public interface ScheduleConstructor {
        Schedule create(ParameterValues values, double baseRate, RunLength length);
    }

    /**
     * A schedule factory; {@code create} gets the parameters, the base rate η_0 and the run's length (in the
     * schedule's unit; see {@link ParameterValues#updates(String, RunLength)} for {@code steps=auto}).
     */
    public static ScheduleFactory schedule(String name, String description, List<ParameterSpec> parameters,
            ScheduleConstructor create) {
        return new SimpleSchedule(name, description, List.copyOf(parameters), create);
    }

    /** A schedule factory that does not need the run's length; {@code create} gets the parameters and η_0. */
    public static ScheduleFactory schedule(String name, String description, List<ParameterSpec> parameters,
            BiFunction<ParameterValues, Double, Schedule> create) {
        return schedule(name, description, parameters, (values, baseRate, length) -> create.apply(values, baseRate));
    }

    /** A regularizer factory. */
    public static RegularizerFactory regularizer(String name, String description, List<ParameterSpec> parameters,
            Function<ParameterValues, Regularizer> create) {
        return new SimpleRegularizer(name, description, List.copyOf(parameters), create);
    }

    /** How a data set is loaded or generated from its parameters and the run's data options. */
    @FunctionalInterface
    public interface DatasetConstructor {
        Dataset load(ParameterValues values, DataOptions options) throws IOException;
    }

    /**
     * A data set factory; {@code load} is called once per run and data set, before any trial starts. The data set's
     * name should be {@code values.canonical()} (as outputs echo it); a generated set should draw from
     * {@code options.seed()} so that every trial of a run sees the same data.
     */
    public static DatasetFactory dataset(String name, String description, List<ParameterSpec> parameters,
            DatasetConstructor load) {
        return new SimpleDataset(name, description, List.copyOf(parameters), load);
    }

    /** A function factory. */
    public static FunctionFactory function(String name, String description, List<ParameterSpec> parameters,
            Function<ParameterValues, TestFunction> create) {
        return new SimpleFunction(name, description, List.copyOf(parameters), create);
    }

    /** How a model is built from its parameters, the data set and the optional dropout. */
    @FunctionalInterface
    public interface ModelConstructor {
        Model create(ParameterValues values, Dataset dataset, Optional<Dropout> dropout);
    }

    /** A model factory. */
    public static ModelFactory model(String name, String description, List<ParameterSpec> parameters, ModelConstructor create) {
        return new SimpleModel(name, description, List.copyOf(parameters), create);
    }

    private record SimpleOptimizer(String name, String description, List<ParameterSpec> parameters,
            Function<ParameterValues, Optimizer> constructor) implements OptimizerFactory {
        @Override
        public Optimizer create(ParameterValues values) {
            return constructor.apply(values);
        }
    }

    private record SimpleSchedule(String name, String description, List<ParameterSpec> parameters,
            ScheduleConstructor constructor) implements ScheduleFactory {
        @Override
        public Schedule create(ParameterValues values, double baseRate, RunLength length) {
            return constructor.create(values, baseRate, length);
        }
    }

    private record SimpleDataset(String name, String description, List<ParameterSpec> parameters,
            DatasetConstructor loader) implements DatasetFactory {
        @Override
        public Dataset load(ParameterValues values, DataOptions options) throws IOException {
            return loader.load(values, options);
        }
    }

    private record SimpleRegularizer(String name, String description, List<ParameterSpec> parameters,
            Function<ParameterValues, Regularizer> constructor) implements RegularizerFactory {
        @Override
        public Regularizer create(ParameterValues values) {
            return constructor.apply(values);
        }
    }

    private record SimpleFunction(String name, String description, List<ParameterSpec> parameters,
            Function<ParameterValues, TestFunction> constructor) implements FunctionFactory {
        @Override
        public TestFunction create(ParameterValues values) {
            return constructor.apply(values);
        }
    }

    private record SimpleModel(String name, String description, List<ParameterSpec> parameters,
            ModelConstructor constructor) implements ModelFactory {
        @Override
        public Model create(ParameterValues values, Dataset dataset, Optional<Dropout> dropout) {
            return constructor.create(values, dataset, dropout);
        }
    }
}
