package org.optbench.harness.wiring;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.io.IOException;
import org.optbench.datasets.Dataset;
import org.optbench.datasets.functions.TestFunction;
import org.optbench.harness.UserError;
import org.optbench.harness.config.ComponentParser;
import org.optbench.harness.config.ComponentSpec;
import org.optbench.harness.models.Model;
import org.optbench.optimizers.regularizers.Dropout;
import org.optbench.optimizers.Optimizer;
import org.optbench.optimizers.regularizers.Regularizer;
import org.optbench.optimizers.schedules.RunLength;
import org.optbench.optimizers.schedules.Schedule;
import org.optbench.optimizers.schedules.ScheduleUnit;

/**
 * Every named component the Guice modules contributed, looked up by name. Resolving a component types its
 * parameters and builds it once, so unknown names, unknown parameters, wrong types and out-of-range values all
 * fail here, before any trial starts.
 */
public final class Registry {
    /** The parameter every schedule takes, applied by the harness. */
    public static final ParameterSpec UNIT = ParameterSpec.choice("unit", "step",
            "what the schedule's index counts: updates (step) or epochs (epoch)", "step", "epoch");
    /** The start point every function takes. */
    public static final ParameterSpec START = ParameterSpec.reals("start", null,
            "the starting point; default: the function's documented start");
    /** The gradient noise every function takes. */
    public static final ParameterSpec NOISE = ParameterSpec.real("noise", 0.0,
            "standard deviation of zero-mean Gaussian noise added to each gradient component, >= 0");

    private final Map<String, OptimizerFactory> optimizers;
    private final Map<String, ScheduleFactory> schedules;
    private final Map<String, RegularizerFactory> regularizers;
    private final Map<String, DatasetFactory> datasets;
    private final Map<String, FunctionFactory> functions;
    private final Map<String, ModelFactory> models;
    private final List<Plugin> plugins;
    /** The plug-in each plug-in component came from, keyed {@code kind:name}. */
    private final Map<String, Plugin> origins;
    private final String unknownNameHint;

    @Inject
    public Registry(Map<String, OptimizerFactory> optimizers, Map<String, ScheduleFactory> schedules,
            Map<String, RegularizerFactory> regularizers, Map<String, DatasetFactory> datasets,
            Map<String, FunctionFactory> functions, Map<String, ModelFactory> models) {
        this.optimizers = new TreeMap<>(optimizers);
        this.schedules = new TreeMap<>(schedules);
        this.regularizers = new TreeMap<>(regularizers);
        this.datasets = new TreeMap<>(datasets);
        this.functions = new TreeMap<>(functions);
        this.models = new TreeMap<>(models);
        this.plugins = List.of();
        this.origins = Map.of();
        this.unknownNameHint = "";
        for (String name : datasets.keySet()) {
            if (functions.containsKey(name)) {
                throw new IllegalStateException("'" + name + "' is bound both as a data set and as a function");
            }
        }
    }

    private Registry(Registry other, List<Plugin> plugins, Map<String, Plugin> origins, String unknownNameHint) {
        this.optimizers = other.optimizers;
        this.schedules = other.schedules;
        this.regularizers = other.regularizers;
        this.datasets = other.datasets;
        this.functions = other.functions;
        this.models = other.models;
        this.plugins = List.copyOf(plugins);
        this.origins = Map.copyOf(origins);
        this.unknownNameHint = unknownNameHint;
    }

    /** This registry knowing which plug-ins it holds and which component came from which. */
    Registry withPlugins(List<Plugin> loaded, Map<String, Plugin> componentOrigins) {
        return new Registry(this, loaded, componentOrigins, unknownNameHint);
    }

    /**
     * This registry adding {@code hint} to the message of an unknown name (see {@link Plugins#unknownNameHint}).
     */
    public Registry withUnknownNameHint(String hint) {
        return new Registry(this, plugins, origins, hint);
    }

    /** The user modules in this registry, discovered or given with {@code --module}, in load order. */
    public List<Plugin> plugins() {
        return plugins;
    }

    /** Every component by kind ({@code optimizer}, {@code schedule}, ...), in a fixed order. */
    public Map<String, Map<String, ? extends Component>> byKind() {
        Map<String, Map<String, ? extends Component>> all = new java.util.LinkedHashMap<>();
        all.put("optimizer", optimizers);
        all.put("schedule", schedules);
        all.put("regularizer", regularizers);
        all.put("data set", datasets);
        all.put("function", functions);
        all.put("model", models);
        return all;
    }

    public Map<String, OptimizerFactory> optimizers() {
        return optimizers;
    }

    public Map<String, ScheduleFactory> schedules() {
        return schedules;
    }

    public Map<String, RegularizerFactory> regularizers() {
        return regularizers;
    }

    public Map<String, DatasetFactory> datasets() {
        return datasets;
    }

    public Map<String, FunctionFactory> functions() {
        return functions;
    }

    public Map<String, ModelFactory> models() {
        return models;
    }

    /** The parameters of a schedule as the user writes them: its own plus {@code unit}. */
    public static List<ParameterSpec> scheduleParameters(ScheduleFactory factory) {
        List<ParameterSpec> all = new ArrayList<>(factory.parameters());
        all.add(UNIT);
        return all;
    }

    /** The parameters of a function as the user writes them: its own plus {@code start} and {@code noise}. */
    public static List<ParameterSpec> functionParameters(FunctionFactory factory) {
        List<ParameterSpec> all = new ArrayList<>(factory.parameters());
        all.add(START);
        all.add(NOISE);
        return all;
    }

    /** The optimizer alternatives {@code spec} expands to, each built once to check its ranges. */
    public List<Resolved<OptimizerFactory>> optimizer(ComponentSpec spec, String origin) {
        OptimizerFactory factory = lookup("optimizer", optimizers, spec, origin);
        List<Resolved<OptimizerFactory>> result = new ArrayList<>();
        for (ParameterValues values : ParameterResolver.resolve(factory, factory.parameters(), spec, origin)) {
            check(origin, "optimizer", factory, () -> factory.create(values));
            result.add(new Resolved<>(factory, values));
        }
        return result;
    }

    /** The schedule alternatives {@code spec} expands to. */
    public List<Resolved<ScheduleFactory>> schedule(ComponentSpec spec, String origin) {
        ScheduleFactory factory = lookup("schedule", schedules, spec, origin);
        List<Resolved<ScheduleFactory>> result = new ArrayList<>();
        for (ParameterValues values : ParameterResolver.resolve(factory, scheduleParameters(factory), spec, origin)) {
            check(origin, "schedule", factory, () -> factory.create(values, 1.0, RunLength.UNKNOWN));
            result.add(new Resolved<>(factory, values));
        }
        return result;
    }

    /** The regularizer alternatives {@code spec} expands to. */
    public List<Resolved<RegularizerFactory>> regularizer(ComponentSpec spec, String origin) {
        RegularizerFactory factory = lookup("regularizer", regularizers, spec, origin);
        List<Resolved<RegularizerFactory>> result = new ArrayList<>();
        for (ParameterValues values : ParameterResolver.resolve(factory, factory.parameters(), spec, origin)) {
            check(origin, "regularizer", factory, () -> factory.create(values));
            result.add(new Resolved<>(factory, values));
        }
        return result;
    }

    /** The model alternatives {@code spec} expands to (built later, once the data set is known). */
    public List<Resolved<ModelFactory>> model(ComponentSpec spec, String origin) {
        ModelFactory factory = lookup("model", models, spec, origin);
        List<Resolved<ModelFactory>> result = new ArrayList<>();
        for (ParameterValues values : ParameterResolver.resolve(factory, factory.parameters(), spec, origin)) {
            result.add(new Resolved<>(factory, values));
        }
        return result;
    }

    /**
     * The data set or function alternatives {@code spec} expands to; functions are built once to check their
     * ranges, data sets are loaded later.
     */
    public List<Resolved<? extends Component>> dataset(ComponentSpec spec, String origin) {
        List<Resolved<? extends Component>> result = new ArrayList<>();
        FunctionFactory function = functions.get(spec.name());
        if (function != null) {
            for (ParameterValues values : ParameterResolver.resolve(function, functionParameters(function), spec, origin)) {
                check(origin, "function", function, () -> function.create(values));
                if (values.has(START.name())) {
                    int dimension = function.create(values).dimension();
                    if (values.reals(START.name()).size() != dimension) {
                        throw new UserError(origin + ": " + spec.name() + ": start has " + values.reals(START.name()).size()
                                + " coordinates but the function has " + dimension);
                    }
                }
                if (!(values.real(NOISE.name()) >= 0) || Double.isInfinite(values.real(NOISE.name()))) {
                    throw new UserError(origin + ": " + spec.name() + ": noise must be >= 0, got " + Format.value(values.real(NOISE.name())));
                }
                result.add(new Resolved<>(function, values));
            }
            return result;
        }
        Map<String, Component> both = new TreeMap<>(datasets);
        both.putAll(functions);
        DatasetFactory factory = datasets.get(spec.name());
        if (factory == null) {
            throw unknown("data set or function", both, spec, origin);
        }
        for (ParameterValues values : ParameterResolver.resolve(factory, factory.parameters(), spec, origin)) {
            result.add(new Resolved<>(factory, values));
        }
        return result;
    }

    /** Builds the optimizer written in canonical form (as in a {@link org.optbench.harness.trial.Trial}). */
    public Optimizer buildOptimizer(String canonical) {
        Resolved<OptimizerFactory> resolved = single(optimizer(ComponentParser.parse(canonical, "optimizer"), "optimizer"));
        return resolved.factory().create(resolved.values());
    }

    /**
     * Builds a schedule read per update: its own unit applied with the run's updates per epoch, every rate checked
     * finite and {@code >= 0} (a bad rate fails the trial naming the schedule, rather than passing for the
     * optimizer's divergence).
     *
     * @param baseRate η_0, the optimizer's {@code lr}
     * @param length the run's length in updates
     */
    public Schedule buildSchedule(String canonical, double baseRate, RunLength length) {
        Resolved<ScheduleFactory> resolved = single(schedule(ComponentParser.parse(canonical, "schedule"), "schedule"));
        ScheduleUnit unit = ScheduleUnit.parse(resolved.values().choice(UNIT.name()));
        Schedule own;
        try {
            own = resolved.factory().create(resolved.values(), baseRate, length.in(unit));
        } catch (LinkageError e) {
            throw linkage("schedule", "schedule", resolved.factory().name(), e);
        }
        Schedule perUpdate = own.perUpdate(unit, length.updatesPerEpoch());
        return k -> {
            double rate = perUpdate.rate(k);
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw new IllegalStateException("schedule " + canonical + " gave the learning rate " + rate + " at update " + k
                        + "; a schedule's rates must be finite and >= 0");
            }
            return rate;
        };
    }

    /** Builds a regularizer. */
    public Regularizer buildRegularizer(String canonical) {
        Resolved<RegularizerFactory> resolved = single(regularizer(ComponentParser.parse(canonical, "regularizer"), "regularizer"));
        return resolved.factory().create(resolved.values());
    }

    /** Whether the canonical data-set string names an analytic function. */
    public boolean isFunction(String canonical) {
        return functions.containsKey(ComponentParser.parse(canonical, "dataset").name());
    }

    /** Builds an analytic function with its start point and gradient noise. */
    public FunctionProblem buildFunction(String canonical) {
        Resolved<? extends Component> resolved = single(dataset(ComponentParser.parse(canonical, "dataset"), "dataset"));
        FunctionFactory factory = (FunctionFactory) resolved.factory();
        TestFunction function = factory.create(resolved.values());
        double[] start = resolved.values().has(START.name()) ? resolved.values().realArray(START.name()) : function.defaultStart();
        if (start.length != function.dimension()) {
            throw new UserError(canonical + ": start has " + start.length + " coordinates but " + function.name()
                    + " has " + function.dimension());
        }
        return new FunctionProblem(function, start, resolved.values().real(NOISE.name()));
    }

    /** Loads a data set. */
    public Dataset loadDataset(String canonical, DataOptions options) throws IOException {
        Resolved<? extends Component> resolved = single(dataset(ComponentParser.parse(canonical, "dataset"), "dataset"));
        return ((DatasetFactory) resolved.factory()).load(resolved.values(), options);
    }

    /** Builds a fresh model for one trial. */
    public Model buildModel(String canonical, Dataset dataset, Optional<Dropout> dropout) {
        Resolved<ModelFactory> resolved = single(model(ComponentParser.parse(canonical, "model"), "model"));
        return resolved.factory().create(resolved.values(), dataset, dropout);
    }

    private static <T> T single(List<T> alternatives) {
        if (alternatives.size() != 1) {
            throw new IllegalArgumentException("expected one component, the text expands to " + alternatives.size());
        }
        return alternatives.get(0);
    }

    private <F extends Component> F lookup(String kind, Map<String, F> known, ComponentSpec spec, String origin) {
        F factory = known.get(spec.name());
        if (factory == null) {
            throw unknown(kind, known, spec, origin);
        }
        return factory;
    }

    private UserError unknown(String kind, Map<String, ? extends Component> known, ComponentSpec spec, String origin) {
        return new UserError(origin + ": unknown " + kind + " '" + spec.name() + "'" + Names.suggestion(spec.name(), known.keySet())
                + "; known: " + String.join(", ", known.keySet()) + " (see optbench list)" + unknownNameHint);
    }

    private void check(String origin, String kind, Component factory, Supplier<?> build) {
        try {
            build.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserError(origin + ": " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw linkage(origin, kind, factory.name(), e);
        }
    }

    /** A class of a plug-in's component that cannot be loaded, as a one-line user error naming the plug-in. */
    private UserError linkage(String origin, String kind, String name, LinkageError e) {
        Plugin plugin = origins.get(kind + ":" + name);
        return new UserError(origin + ": " + name + (plugin == null ? "" : ", from plug-in " + plugin.label()) + ": "
                + Plugins.explain(e), e);
    }

    /** The named optimizer factory, if bound. */
    public Optional<OptimizerFactory> optimizerFactory(String name) {
        return Optional.ofNullable(optimizers.get(name));
    }
}
