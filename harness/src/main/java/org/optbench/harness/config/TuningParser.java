package org.optbench.harness.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.optbench.harness.UserError;
import org.optbench.harness.trial.TrialSeeds;
import org.optbench.harness.tuning.Dimension;
import org.optbench.harness.tuning.Halton;
import org.optbench.harness.tuning.Halving;
import org.optbench.harness.tuning.SearchSpace;
import org.optbench.harness.tuning.Tuning;
import org.optbench.harness.wiring.Names;
import org.optbench.harness.wiring.OptimizerFactory;
import org.optbench.harness.wiring.ParameterResolver;
import org.optbench.harness.wiring.ParameterSpec;
import org.optbench.harness.wiring.ParameterType;
import org.optbench.harness.wiring.Registry;
import org.optbench.harness.wiring.Resolved;

/**
 * Reads an experiment's {@code tuning:} block and its optimizers' search spaces, checks every bound against the
 * optimizer's own ranges (by building it at each bound), and draws the tuning configurations. Everything here
 * happens before any trial runs, so a bad search space costs nothing.
 */
final class TuningParser {
    static final List<String> KEYS = List.of("method", "budget", "metric", "mode", "seeds", "final", "halving");
    static final List<String> HALVING_KEYS = List.of("min_epochs", "eta");

    private final Registry registry;

    TuningParser(Registry registry) {
        this.registry = registry;
    }

    /** The block and the tuning configurations (canonical optimizers, each optimizer's in sampling order). */
    record Result(Tuning tuning, List<String> configurations) {
    }

    Result parse(RawValue block, List<ExperimentParser.Located> optimizers, long seed) {
        if (!block.isMap()) {
            throw new UserError(block.origin() + " is a mapping of keys, e.g. tuning: {method: halton, budget: 20}");
        }
        Map<String, RawValue> keys = block.map();
        for (Map.Entry<String, RawValue> entry : keys.entrySet()) {
            if (!KEYS.contains(entry.getKey())) {
                throw new UserError(entry.getValue().origin() + ": unknown tuning key '" + entry.getKey() + "'"
                        + Names.suggestion(entry.getKey(), KEYS) + "; known: " + String.join(", ", KEYS));
            }
        }
        Tuning.Method method = switch (word(keys, "method", "halton")) {
            case "grid" -> Tuning.Method.GRID;
            case "random" -> Tuning.Method.RANDOM;
            case "halton" -> Tuning.Method.HALTON;
            default -> throw new UserError(keys.get("method").origin() + " must be grid, random or halton, got '"
                    + keys.get("method").scalar() + "'");
        };
        String metric = word(keys, "metric", "val_loss");
        if (!metric.equals("val_loss") && !metric.equals("val_accuracy")) {
            throw new UserError(keys.get("metric").origin() + " must be val_loss or val_accuracy (tuning looks at the"
                    + " validation split only, never the test set), got '" + metric + "'");
        }
        String mode = word(keys, "mode", "final");
        if (!mode.equals("final") && !mode.equals("best")) {
            throw new UserError(keys.get("mode").origin() + " must be final (the returned parameters) or best (the best"
                    + " evaluation), got '" + mode + "'");
        }
        int seeds = positive(keys, "seeds", 1);
        int finalSeeds = 0;
        if (keys.containsKey("final")) {
            RawValue finalBlock = keys.get("final");
            if (!finalBlock.isMap() || !finalBlock.map().keySet().equals(Set.of("seeds"))) {
                throw new UserError(finalBlock.origin() + " is a mapping with one key, e.g. final: {seeds: 5}");
            }
            finalSeeds = positive(finalBlock.map(), "seeds", 0);
        }

        List<SearchSpace> spaces = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        for (ExperimentParser.Located located : optimizers) {
            for (SearchSpace other : spaces) {
                if (other.optimizer().equals(located.spec().name())) {
                    throw new UserError(located.origin() + ": " + other.optimizer() + " is listed twice; a tuned experiment"
                            + " searches each optimizer once (put alternatives in its search space, e.g. choice(...))");
                }
            }
            spaces.add(space(located.spec(), located.origin()));
            origins.add(located.origin());
        }

        int budget;
        if (method == Tuning.Method.GRID) {
            int largest = 1;
            for (int index = 0; index < spaces.size(); index++) {
                int size = 1;
                for (Dimension dimension : spaces.get(index).dimensions()) {
                    if (dimension.kind() != Dimension.Kind.CHOICE) {
                        throw new UserError(origins.get(index) + ": " + spaces.get(index).optimizer() + ": "
                                + dimension.parameter() + "=" + dimension.text() + " cannot be gridded; method: grid takes"
                                + " choice(...) or lists, use method: halton or random for a range");
                    }
                    size *= dimension.gridSize();
                }
                largest = Math.max(largest, size);
            }
            budget = keys.containsKey("budget") ? positive(keys, "budget", 1) : largest;
            if (budget < largest) {
                throw new UserError(keys.get("budget").origin() + ": the largest grid has " + largest
                        + " configurations but the budget is " + budget + "; raise the budget or shrink the grid");
            }
        } else {
            if (!keys.containsKey("budget")) {
                throw new UserError(block.origin() + ": method " + method.key() + " needs a budget (configurations per"
                        + " optimizer and problem), e.g. budget: 20");
            }
            budget = positive(keys, "budget", 1);
        }

        Halving halving = keys.containsKey("halving") ? halving(keys.get("halving")) : null;
        Tuning tuning = new Tuning(method, budget, metric, mode, seeds, finalSeeds, spaces, halving);
        List<String> configurations = new ArrayList<>();
        int most = 0;
        for (int index = 0; index < spaces.size(); index++) {
            Set<String> distinct = new LinkedHashSet<>();
            for (double[] point : points(spaces.get(index), method, budget, seed)) {
                distinct.add(canonical(spaces.get(index).at(point), origins.get(index)));
            }
            configurations.addAll(distinct);
            most = Math.max(most, distinct.size());
        }
        if (halving != null && most < 2) {
            throw new UserError(keys.get("halving").origin() + ": successive halving chooses among an optimizer's"
                    + " configurations, but every optimizer has only one; raise the budget or search a parameter, or"
                    + " remove halving");
        }
        return new Result(tuning, configurations);
    }

    /**
     * The {@code halving: {min_epochs: 1, eta: 3}} mapping. That min_epochs is below each part's epochs is checked
     * with the part ({@code ExperimentParser}), which knows its epochs.
     */
    private static Halving halving(RawValue block) {
        if (!block.isMap()) {
            throw new UserError(block.origin() + " is a mapping, e.g. halving: {min_epochs: 1, eta: 3}");
        }
        for (Map.Entry<String, RawValue> entry : block.map().entrySet()) {
            if (!HALVING_KEYS.contains(entry.getKey())) {
                throw new UserError(entry.getValue().origin() + ": unknown halving key '" + entry.getKey() + "'"
                        + Names.suggestion(entry.getKey(), HALVING_KEYS) + "; known: " + String.join(", ", HALVING_KEYS));
            }
        }
        int minEpochs = positive(block.map(), "min_epochs", 1);
        RawValue eta = block.map().get("eta");
        int reduction = 3;
        if (eta != null) {
            try {
                reduction = Integer.parseInt(eta.scalar().trim());
            } catch (NumberFormatException e) {
                reduction = 0; // the message below
            }
            if (reduction < 2) {
                throw new UserError(eta.origin() + " must be a whole number >= 2 (each rung keeps the best 1/eta of the"
                        + " configurations), got '" + eta.scalar() + "'");
            }
        }
        return new Halving(minEpochs, reduction);
    }

    /** The points of one search, in order: a prefix of one sequence, so a smaller budget is a prefix. */
    static List<double[]> points(SearchSpace space, Tuning.Method method, int budget, long seed) {
        int dimensions = space.dimensions().size();
        if (dimensions == 0) {
            return List.of(new double[0]);
        }
        List<double[]> points = new ArrayList<>();
        switch (method) {
            case GRID -> points.addAll(space.grid());
            case RANDOM -> {
                SplittableRandom random = new SplittableRandom(TrialSeeds.searchSeed(seed, method.key(), space.optimizer()));
                for (int i = 0; i < budget; i++) {
                    double[] point = new double[dimensions];
                    for (int k = 0; k < dimensions; k++) {
                        point[k] = random.nextDouble();
                    }
                    points.add(point);
                }
            }
            case HALTON -> {
                Halton halton = Halton.scrambled(dimensions, TrialSeeds.searchSeed(seed, method.key(), space.optimizer()));
                for (int i = 1; i <= budget; i++) {
                    points.add(halton.point(i));
                }
            }
            default -> throw new IllegalStateException(method.toString());
        }
        return points;
    }

    private SearchSpace space(ComponentSpec spec, String origin) {
        // An unknown optimizer gets the registry's usual message.
        registry.optimizer(ComponentSpec.of(spec.name()), origin);
        OptimizerFactory factory = registry.optimizerFactory(spec.name()).orElseThrow();
        Map<String, ParameterSpec> declared = new LinkedHashMap<>();
        for (ParameterSpec parameter : factory.parameters()) {
            declared.put(parameter.name(), parameter);
        }
        Map<String, ComponentSpec.Value> fixed = new LinkedHashMap<>();
        List<Dimension> dimensions = new ArrayList<>();
        for (Map.Entry<String, ComponentSpec.Value> entry : spec.parameters().entrySet()) {
            ParameterSpec parameter = declared.get(entry.getKey());
            if (parameter == null) {
                throw new UserError(origin + ": " + spec.name() + " has no parameter '" + entry.getKey() + "'"
                        + Names.suggestion(entry.getKey(), declared.keySet()) + "; its parameters are "
                        + String.join(", ", declared.keySet()));
            }
            Dimension dimension = dimension(spec.name(), parameter, entry.getValue(), origin);
            if (dimension == null) {
                fixed.put(entry.getKey(), entry.getValue());
            } else {
                dimensions.add(dimension);
            }
        }
        SearchSpace space = new SearchSpace(spec.name(), spec.text(), fixed, dimensions);
        checkRanges(space, origin);
        return space;
    }

    /** The searched dimension {@code value} describes, or null for a fixed value. */
    private Dimension dimension(String optimizer, ParameterSpec parameter, ComponentSpec.Value value, String origin) {
        String prefix = origin + ": " + optimizer + ": " + parameter.name() + "=" + value.text();
        if (value instanceof ComponentSpec.ListValue list
                && (!parameter.type().isList() || list.items().stream().allMatch(ComponentSpec.ListValue.class::isInstance))) {
            return choice(optimizer, parameter, list.items(), prefix, origin);
        }
        if (!(value instanceof ComponentSpec.Distribution distribution)) {
            return null;
        }
        String kindText = distribution.kind().toLowerCase(Locale.ROOT);
        Dimension.Kind kind = null;
        for (Dimension.Kind candidate : Dimension.Kind.values()) {
            if (candidate.key().equals(kindText)) {
                kind = candidate;
            }
        }
        if (kind == null) {
            List<String> known = java.util.Arrays.stream(Dimension.Kind.values()).map(Dimension.Kind::key).toList();
            throw new UserError(prefix + ": unknown distribution '" + distribution.kind() + "'"
                    + Names.suggestion(kindText, known) + "; use " + String.join(", ", known));
        }
        if (kind == Dimension.Kind.CHOICE) {
            return choice(optimizer, parameter, distribution.arguments(), prefix, origin);
        }
        ParameterType needed = kind.integer() ? ParameterType.INTEGER : ParameterType.REAL;
        if (parameter.type() != needed) {
            throw new UserError(prefix + ": " + parameter.name() + " is a " + parameter.type().label() + " parameter but "
                    + kind.key() + " draws " + (kind.integer() ? "integers" : "real numbers") + "; use "
                    + (parameter.type() == ParameterType.INTEGER ? "intuniform or intloguniform" : "choice(...)")
                    + " for it");
        }
        if (distribution.arguments().size() != 2
                || !distribution.arguments().stream().allMatch(ComponentSpec.Scalar.class::isInstance)) {
            throw new UserError(prefix + ": " + kind.key() + " takes two numbers, the lower and upper bound, e.g. "
                    + kind.key() + (kind.integer() ? "(16, 256)" : "(1e-5, 0.1)"));
        }
        double lower = number(distribution.arguments().get(0), prefix);
        double upper = number(distribution.arguments().get(1), prefix);
        if (kind.integer() && (lower != Math.rint(lower) || upper != Math.rint(upper))) {
            throw new UserError(prefix + ": " + kind.key() + " takes whole-number bounds");
        }
        if (!(lower < upper)) {
            throw new UserError(prefix + ": the lower bound " + distribution.arguments().get(0).text()
                    + " must be below the upper bound " + distribution.arguments().get(1).text());
        }
        if ((kind == Dimension.Kind.LOGUNIFORM || kind == Dimension.Kind.INTLOGUNIFORM) && lower <= 0) {
            throw new UserError(prefix + ": a log scale needs bounds > 0, got a lower bound of "
                    + distribution.arguments().get(0).text() + "; use uniform for a range that includes 0");
        }
        return new Dimension(parameter.name(), kind, lower, upper, List.of());
    }

    private Dimension choice(String optimizer, ParameterSpec parameter, List<ComponentSpec.Value> items, String prefix,
            String origin) {
        if (items.isEmpty()) {
            throw new UserError(prefix + ": an empty choice; give at least one value");
        }
        for (ComponentSpec.Value item : items) {
            if (item instanceof ComponentSpec.Distribution) {
                throw new UserError(prefix + ": a choice lists values, not distributions");
            }
        }
        return new Dimension(parameter.name(), Dimension.Kind.CHOICE, 0, 0, items);
    }

    /**
     * Builds the optimizer at each bound of each dimension (every other dimension at its lower bound or first
     * value), so a bound the optimizer rejects fails here with the optimizer's own reason.
     */
    private void checkRanges(SearchSpace space, String origin) {
        int count = space.dimensions().size();
        for (int k = 0; k < Math.max(1, count); k++) {
            List<double[]> ends = new ArrayList<>();
            double[] low = new double[count];
            ends.add(low);
            if (count > 0) {
                Dimension dimension = space.dimensions().get(k);
                if (dimension.kind() == Dimension.Kind.CHOICE) {
                    for (int index = 1; index < dimension.gridSize(); index++) {
                        double[] point = new double[count];
                        point[k] = (index + 0.5) / dimension.gridSize();
                        ends.add(point);
                    }
                } else {
                    double[] high = new double[count];
                    high[k] = Math.nextDown(1.0);
                    ends.add(high);
                }
            }
            for (double[] point : ends) {
                ComponentSpec configuration = space.at(point);
                try {
                    canonical(configuration, origin);
                } catch (UserError e) {
                    String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
                    if (count == 0 || e.getCause() == null) {
                        throw e;
                    }
                    Dimension dimension = space.dimensions().get(k);
                    throw new UserError(origin + ": " + space.optimizer() + ": " + dimension.parameter() + "="
                            + dimension.text() + " reaches " + configuration.parameters().get(dimension.parameter()).text()
                            + ", outside the optimizer's valid range (" + reason + "); narrow the search space");
                }
            }
        }
    }

    private String canonical(ComponentSpec configuration, String origin) {
        List<Resolved<OptimizerFactory>> resolved = registry.optimizer(configuration, origin);
        if (resolved.size() != 1) {
            throw new IllegalStateException("a sampled configuration expands to " + resolved.size() + " optimizers");
        }
        return resolved.get(0).canonical();
    }

    private static double number(ComponentSpec.Value value, String prefix) {
        try {
            double number = Double.parseDouble(value.text());
            if (!Double.isFinite(number)) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new UserError(prefix + ": a bound must be a finite number, got '" + value.text() + "'");
        }
    }

    private static String word(Map<String, RawValue> keys, String key, String defaultValue) {
        RawValue value = keys.get(key);
        return value == null ? defaultValue : value.scalar().trim().toLowerCase(Locale.ROOT);
    }

    private static int positive(Map<String, RawValue> keys, String key, int defaultValue) {
        RawValue value = keys.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value.scalar().trim());
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new UserError(value.origin() + " must be a whole number >= 1, got '" + value.scalar() + "'");
    }
}
