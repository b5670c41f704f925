package org.optbench.harness.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.optbench.harness.UserError;
import org.optbench.harness.trial.EvaluationPlan;
import org.optbench.harness.trial.Target;
import org.optbench.harness.trial.TrialSettings;
import org.optbench.harness.tuning.Tuning;
import org.optbench.harness.wiring.Component;
import org.optbench.harness.wiring.Names;
import org.optbench.harness.wiring.Registry;
import org.optbench.harness.wiring.Resolved;
import org.optbench.optimizers.schedules.ConstantRate;

/**
 * Turns an experiment file's keys (with {@code --set} overrides applied) into a checked {@link Experiment}. Every
 * mistake is found here, before any trial starts, and named with its file, line and key.
 */
public final class ExperimentParser {
    private final Registry registry;

    public ExperimentParser(Registry registry) {
        this.registry = registry;
    }

    /** Keys that describe the whole run (or its shared data) and so cannot differ between parts. */
    private static final List<String> RUN_KEYS = List.of("name", "description", "seed", "data_seed", "pairing", "validation", "subset", "standardize", "parts", "tuning");

    /**
     * Checks and resolves an experiment file, with or without {@code parts}. Each part is the top-level keys
     * overridden by its own, then by the {@code --set} options.
     */
    public Plan parsePlan(Map<String, RawValue> raw, List<String> overrides, String source, String defaultName) {
        RawValue parts = raw.get("parts");
        if (parts == null) {
            Experiment single = parse(raw, overrides, source, defaultName);
            return new Plan(single.name(), single.description(), single.source(), single.seed(), List.of(single));
        }
        if (!parts.isList() || parts.items().isEmpty()) {
            throw new UserError(parts.origin() + " must be a non-empty list of mappings, each with its own keys (- dataset: ...)");
        }
        Map<String, RawValue> top = new LinkedHashMap<>(raw);
        top.remove("parts");
        List<Experiment> experiments = new ArrayList<>();
        for (RawValue part : parts.items()) {
            if (!part.isMap()) {
                throw new UserError(part.origin() + ": each part is a mapping of keys, e.g. - dataset: mnist");
            }
            Map<String, RawValue> merged = new LinkedHashMap<>(top);
            for (Map.Entry<String, RawValue> entry : part.map().entrySet()) {
                if (RUN_KEYS.contains(entry.getKey())) {
                    throw new UserError(entry.getValue().origin() + " applies to the whole run (every part shares it);"
                            + " set it at the top level, not in a part");
                }
                merged.put(entry.getKey(), entry.getValue());
            }
            experiments.add(parse(merged, overrides, source, defaultName));
        }
        Experiment first = experiments.get(0);
        return new Plan(first.name(), first.description(), source, first.seed(), experiments);
    }

    /**
     * Checks and resolves one grid of an experiment.
     *
     * @param raw the file's keys
     * @param overrides {@code --set} assignments, applied over the file
     * @param source the file name (or {@code bundled quickstart}) for messages and the manifest
     * @param defaultName the name when the file has none
     */
    public Experiment parse(Map<String, RawValue> raw, List<String> overrides, String source, String defaultName) {
        Map<String, RawValue> values = new LinkedHashMap<>(raw);
        for (String assignment : overrides) {
            Map.Entry<String, RawValue> entry = ExperimentFile.override(assignment);
            values.put(entry.getKey(), entry.getValue());
        }
        List<String> known = ExperimentKey.keys();
        for (Map.Entry<String, RawValue> entry : values.entrySet()) {
            if (!known.contains(entry.getKey())) {
                throw new UserError(entry.getValue().origin() + ": unknown key '" + entry.getKey() + "'"
                        + Names.suggestion(entry.getKey(), known) + "; known keys: " + String.join(", ", known));
            }
        }
        Map<String, String> origins = new HashMap<>();
        values.forEach((key, value) -> origins.put(key, value.origin()));

        String name = scalar(values, "name", defaultName);
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new UserError(origin(values, "name", source) + ": the name must be letters, digits, '.', '_' or '-', got '" + name + "'");
        }
        String description = scalar(values, "description", "");
        long seed = longValue(values, "seed", 42, source);
        long dataSeed = longValue(values, "data_seed", seed, source);
        Experiment.Pairing pairing = switch (scalar(values, "pairing", "paired").trim().toLowerCase(Locale.ROOT)) {
            case "paired" -> Experiment.Pairing.PAIRED;
            case "independent" -> Experiment.Pairing.INDEPENDENT;
            default -> throw new UserError(values.get("pairing").origin() + " must be paired (every configuration of a"
                    + " repeat shares its random numbers) or independent, got '" + values.get("pairing").scalar() + "'");
        };

        List<String> datasets = new ArrayList<>();
        List<Resolved<? extends Component>> resolvedDatasets = new ArrayList<>();
        for (Located item : components(values, "dataset", null, source)) {
            for (Resolved<? extends Component> resolved : registry.dataset(item.spec(), item.origin())) {
                add(datasets, resolved.canonical(), item.origin());
                resolvedDatasets.add(resolved);
            }
        }
        boolean needsModel = datasets.stream().anyMatch(dataset -> !isFunction(dataset));
        List<String> models = new ArrayList<>();
        if (!needsModel && values.containsKey("model")) {
            // Unused with analytic functions, but a misspelt model is still a mistake worth naming.
            for (Located item : components(values, "model", null, source)) {
                registry.model(item.spec(), item.origin());
            }
        }
        if (needsModel) {
            for (Located item : components(values, "model", null, source)) {
                for (Resolved<?> resolved : registry.model(item.spec(), item.origin())) {
                    add(models, resolved.canonical(), item.origin());
                }
            }
        }
        List<String> optimizers = new ArrayList<>();
        Tuning tuning = null;
        if (values.containsKey("tuning")) {
            TuningParser.Result tuned = new TuningParser(registry).parse(values.get("tuning"),
                    components(values, "optimizer", null, source), seed);
            tuning = tuned.tuning();
            optimizers.addAll(tuned.configurations());
        } else {
            for (Located item : components(values, "optimizer", null, source)) {
                for (Resolved<?> resolved : registry.optimizer(item.spec(), item.origin())) {
                    add(optimizers, resolved.canonical(), item.origin());
                }
            }
        }
        List<String> schedules = new ArrayList<>();
        for (Located item : components(values, "schedule", "constant", source)) {
            for (Resolved<?> resolved : registry.schedule(item.spec(), item.origin())) {
                add(schedules, resolved.canonical(), item.origin());
            }
        }
        for (String optimizer : optimizers) {
            for (String schedule : schedules) {
                checkSchedule(registry, optimizer, schedule, origin(values, "schedule", source));
            }
        }
        List<List<String>> regularizerSets = regularizerSets(values.get("regularizers"));

        List<Long> seeds = new ArrayList<>();
        int repeats = 1;
        if (tuning != null) {
            for (String key : List.of("seeds", "repeats")) {
                if (values.containsKey(key)) {
                    throw new UserError(values.get(key).origin() + ": a tuned experiment takes its seeds from the tuning"
                            + " block (tuning: {seeds: 1, final: {seeds: 5}}); remove " + key);
                }
            }
            repeats = tuning.seeds();
        } else if (values.containsKey("seeds")) {
            if (values.containsKey("repeats")) {
                throw new UserError(values.get("seeds").origin() + ": give either seeds or repeats, not both");
            }
            RawValue list = values.get("seeds");
            List<RawValue> items = list.isList() ? list.items() : List.of(list);
            if (items.isEmpty()) {
                throw new UserError(list.origin() + " is an empty list, so the grid is empty; give at least one seed");
            }
            Set<Long> distinct = new LinkedHashSet<>();
            for (RawValue item : items) {
                long value = parseLong(item, "seeds");
                if (!distinct.add(value)) {
                    throw new UserError(item.origin() + ": seed " + value + " is listed twice");
                }
            }
            seeds.addAll(distinct);
        } else {
            repeats = intValue(values, "repeats", 1, source);
            if (repeats < 1) {
                throw new UserError(origin(values, "repeats", source) + " must be >= 1, got " + repeats);
            }
        }

        int epochs = intValue(values, "epochs", 10, source);
        check(epochs >= 1, values, "epochs", source, "must be >= 1, got " + epochs);
        int batch;
        if (values.containsKey("batch") && !values.get("batch").isList()
                && values.get("batch").scalar().trim().equalsIgnoreCase("full")) {
            batch = 0;
        } else {
            batch = intValue(values, "batch", 64, source);
            check(batch >= 1, values, "batch", source, "must be >= 1 (or full), got " + batch);
        }
        String lastBatch = scalar(values, "last_batch", "keep").toLowerCase(Locale.ROOT);
        check(lastBatch.equals("keep") || lastBatch.equals("drop"), values, "last_batch", source,
                "must be keep or drop, got '" + lastBatch + "'");
        int steps = intValue(values, "steps", 100, source);
        check(steps >= 1, values, "steps", source, "must be >= 1, got " + steps);
        int evalEvery = intValue(values, "eval_every", 0, source);
        check(evalEvery >= 0, values, "eval_every", source, "must be >= 0 (0: every epoch), got " + evalEvery);
        int testEvery;
        if (values.containsKey("test_every") && !values.get("test_every").isList()
                && values.get("test_every").scalar().trim().equalsIgnoreCase("end")) {
            testEvery = 0;
        } else {
            testEvery = intValue(values, "test_every", 1, source);
            check(testEvery >= 1, values, "test_every", source, "must be >= 1 (or end), got " + testEvery);
        }
        int validationSubset = intValue(values, "val_subset", 0, source);
        check(validationSubset >= 0, values, "val_subset", source,
                "must be >= 0 (0: the whole validation split), got " + validationSubset);
        double divergence = realValue(values, "divergence", 100, source);
        check((divergence == 0 || divergence > 1) && Double.isFinite(divergence), values, "divergence", source,
                "must be a multiple > 1 of the initial loss, or 0 to disable, got " + divergence);
        double timeBudget = values.containsKey("time_budget") ? duration(values.get("time_budget")) : 0;
        Target target = values.containsKey("target") ? Target.parse(scalar(values, "target", ""), values.get("target").origin()) : null;
        double validation = realValue(values, "validation", 0.1, source);
        check(validation >= 0 && (validation < 1 || validation == Math.rint(validation)) && Double.isFinite(validation),
                values, "validation", source, "must be a fraction in [0, 1) or a whole number of examples, got " + validation);
        int subset = intValue(values, "subset", 0, source);
        check(subset >= 0, values, "subset", source, "must be >= 0 (0 keeps every example), got " + subset);
        String standardize = switch (scalar(values, "standardize", "none").trim().toLowerCase(Locale.ROOT)) {
            case "false", "no", "none" -> "none";
            case "true", "yes", "global" -> "global";
            case "per-feature", "per-pixel" -> "per-feature";
            default -> throw new UserError(values.get("standardize").origin()
                    + " must be none (false), global (true) or per-feature, got '" + values.get("standardize").scalar() + "'");
        };

        if (target != null && target.metric().startsWith("val_") && validation == 0) {
            throw new UserError(values.get("target").origin() + ": the target watches " + target.metric()
                    + " but validation is 0; hold out validation examples (validation: 0.1)");
        }
        if (target != null && !target.metric().equals("train_loss")) {
            datasets.stream().filter(this::isFunction).findFirst().ifPresent(function -> {
                throw new UserError(values.get("target").origin() + ": the target watches " + target.metric() + " but "
                        + function + " is an analytic function, whose only metric is train_loss (its value); write a"
                        + " target such as loss <= 1e-6, or put the function in a part of its own");
            });
        }
        if (tuning != null) {
            String where = values.get("tuning").origin();
            for (String dataset : datasets) {
                if (isFunction(dataset)) {
                    throw new UserError(where + ": tuning selects on the validation split, which the analytic function "
                            + dataset + " does not have; tune on data sets (put functions in an untuned run)");
                }
            }
            if (validation == 0) {
                throw new UserError(where + ": tuning selects on the validation split but validation is 0; hold out"
                        + " validation examples (validation: 0.1)");
            }
            if (tuning.halving() != null && tuning.halving().minEpochs() >= epochs) {
                RawValue halving = values.get("tuning").map().get("halving");
                RawValue minEpochs = halving.map().get("min_epochs");
                throw new UserError((minEpochs != null ? minEpochs.origin() : halving.origin() + ": min_epochs") + " "
                        + tuning.halving().minEpochs() + " must be below the trials' " + epochs + " epochs ("
                        + origin(values, "epochs", source) + "), else no rung stops a trial early; lower min_epochs or"
                        + " raise epochs");
            }
        }
        if (target != null && target.metric().startsWith("test_") && testEvery != 1) {
            throw new UserError(values.get("test_every").origin() + ": the target watches " + target.metric()
                    + ", which needs the test split at every evaluation; remove test_every or target a val_ metric");
        }
        TrialSettings settings = new TrialSettings(epochs, batch, lastBatch.equals("drop"), steps, evalEvery, divergence,
                timeBudget, target, new EvaluationPlan(testEvery, validationSubset));
        return new Experiment(name, description, source, seed, dataSeed, pairing, datasets, models, optimizers, schedules, regularizerSets,
                seeds, repeats, settings, validation, subset, standardize, origins, tuning);
    }

    /**
     * Refuses an optimizer that sets its own rates ({@link org.optbench.optimizers.Optimizer#followsSchedule()}
     * false, delta-bar-delta) with any schedule but {@code constant}: the schedule would be ignored after the first
     * update while {@code curves.csv} recorded its rates as if they were used.
     */
    public static void checkSchedule(Registry registry, String optimizer, String schedule, String origin) {
        String scheduleName = ComponentParser.parse(schedule, origin).name();
        if (!scheduleName.equals(ConstantRate.NAME) && !registry.buildOptimizer(optimizer).followsSchedule()) {
            throw new UserError(origin + ": " + optimizer + " sets its own per-parameter rates after the first update"
                    + " and ignores a schedule, so " + schedule + " would change nothing but the recorded lr; use the"
                    + " constant schedule with it (its lr is the starting rate), e.g. in a part of its own");
        }
    }

    private boolean isFunction(String canonical) {
        String name = canonical.contains("(") ? canonical.substring(0, canonical.indexOf('(')) : canonical;
        return registry.functions().containsKey(name);
    }

    /** A component as written and where. */
    record Located(ComponentSpec spec, String origin) {
    }

    private List<Located> components(Map<String, RawValue> values, String key, String defaultText, String source) {
        RawValue value = values.get(key);
        if (value == null) {
            if (defaultText == null) {
                throw new UserError(source + ": the key '" + key + "' is missing; add e.g. " + example(key));
            }
            return List.of(new Located(ComponentSpec.of(defaultText), source + ": " + key + " (default)"));
        }
        List<RawValue> items = value.isList() ? value.items() : List.of(value);
        if (items.isEmpty()) {
            throw new UserError(value.origin() + " is an empty list, so the grid is empty; give at least one " + key);
        }
        List<Located> result = new ArrayList<>();
        for (RawValue item : items) {
            if (item.isList()) {
                throw new UserError(item.origin() + ": expected a component such as " + example(key) + ", got a nested list");
            }
            result.add(new Located(ComponentParser.parse(item.scalar(), item.origin()), item.origin()));
        }
        return result;
    }

    private static String example(String key) {
        return switch (key) {
            case "dataset" -> "dataset: mnist";
            case "model" -> "model: mlp(hidden=[128], activation=relu)";
            case "optimizer" -> "optimizer: adam(lr=0.001)";
            default -> key + ": ...";
        };
    }

    private List<List<String>> regularizerSets(RawValue value) {
        if (value == null) {
            return List.of(List.of());
        }
        if (!value.isList()) {
            return expandSet(List.of(value));
        }
        boolean axis = value.items().stream().anyMatch(RawValue::isList);
        if (!axis) {
            return expandSet(value.items());
        }
        List<List<String>> sets = new ArrayList<>();
        for (RawValue item : value.items()) {
            List<List<String>> expanded = expandSet(item.isList() ? item.items() : List.of(item));
            for (List<String> set : expanded) {
                if (sets.contains(set)) {
                    throw new UserError(item.origin() + ": the regularizer set [" + String.join(", ", set) + "] is listed twice");
                }
                sets.add(set);
            }
        }
        return sets;
    }

    /** One set, expanded when a parameter lists several values ({@code l2(lambda=[1e-4, 1e-3])}). */
    private List<List<String>> expandSet(List<RawValue> members) {
        List<List<String>> sets = new ArrayList<>();
        sets.add(List.of());
        for (RawValue member : members) {
            if (member.isList()) {
                throw new UserError(member.origin() + ": a regularizer set cannot contain a list; write [[l2], [l1]] for an axis of sets");
            }
            String text = member.scalar().trim();
            if (text.equals("none") || text.isEmpty()) {
                continue;
            }
            ComponentSpec spec = ComponentParser.parse(text, member.origin());
            List<List<String>> next = new ArrayList<>();
            for (List<String> partial : sets) {
                for (Resolved<?> resolved : registry.regularizer(spec, member.origin())) {
                    List<String> extended = new ArrayList<>(partial);
                    extended.add(resolved.canonical());
                    next.add(List.copyOf(extended));
                }
            }
            sets = next;
        }
        for (List<String> set : sets) {
            long dropouts = set.stream().filter(s -> s.startsWith("dropout")).count();
            long stoppings = set.stream().filter(s -> s.startsWith("early-stopping")).count();
            if (dropouts > 1 || stoppings > 1) {
                throw new UserError(members.get(0).origin() + ": a regularizer set takes at most one dropout and one early-stopping");
            }
        }
        return sets;
    }

    private static void add(List<String> axis, String canonical, String origin) {
        if (axis.contains(canonical)) {
            throw new UserError(origin + ": " + canonical + " is listed twice");
        }
        axis.add(canonical);
    }

    private static String origin(Map<String, RawValue> values, String key, String source) {
        RawValue value = values.get(key);
        return value == null ? source + ": " + key : value.origin();
    }

    private static void check(boolean ok, Map<String, RawValue> values, String key, String source, String problem) {
        if (!ok) {
            throw new UserError(origin(values, key, source) + " " + problem);
        }
    }

    private static RawValue single(Map<String, RawValue> values, String key) {
        RawValue value = values.get(key);
        if (value != null && value.isList()) {
            throw new UserError(value.origin() + " takes a single value, not a list");
        }
        return value;
    }

    private static String scalar(Map<String, RawValue> values, String key, String defaultValue) {
        RawValue value = single(values, key);
        return value == null ? defaultValue : value.scalar();
    }

    private static int intValue(Map<String, RawValue> values, String key, int defaultValue, String source) {
        RawValue value = single(values, key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.scalar().trim());
        } catch (NumberFormatException e) {
            throw new UserError(value.origin() + " must be an integer, got '" + value.scalar() + "'");
        }
    }

    private static long parseLong(RawValue value, String key) {
        try {
            return Long.parseLong(value.scalar().trim());
        } catch (NumberFormatException | ClassCastException e) {
            throw new UserError(value.origin() + " must be an integer, got '" + value.plain() + "'");
        }
    }

    private static long longValue(Map<String, RawValue> values, String key, long defaultValue, String source) {
        RawValue value = single(values, key);
        return value == null ? defaultValue : parseLong(value, key);
    }

    private static double realValue(Map<String, RawValue> values, String key, double defaultValue, String source) {
        RawValue value = single(values, key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(value.scalar().trim());
        } catch (NumberFormatException e) {
            throw new UserError(value.origin() + " must be a number, got '" + value.scalar() + "'");
        }
    }

    private static double duration(RawValue value) {
        if (value.isList()) {
            throw new UserError(value.origin() + " takes a single value, not a list");
        }
        String text = value.scalar().trim().toLowerCase(Locale.ROOT);
        double unit = 1;
        if (text.endsWith("ms")) {
            unit = 0.001;
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("s")) {
            text = text.substring(0, text.length() - 1);
        } else if (text.endsWith("m")) {
            unit = 60;
            text = text.substring(0, text.length() - 1);
        } else if (text.endsWith("h")) {
            unit = 3600;
            text = text.substring(0, text.length() - 1);
        }
        try {
            double seconds = Double.parseDouble(text.trim()) * unit;
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw new UserError(value.origin() + " must be a positive duration, got '" + value.scalar() + "'");
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new UserError(value.origin() + " must be a duration such as 90, 90s, 5m or 1h, got '" + value.scalar() + "'");
        }
    }
}
