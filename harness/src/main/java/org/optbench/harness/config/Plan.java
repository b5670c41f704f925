package org.optbench.harness.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optbench.harness.UserError;
import org.optbench.harness.trial.Target;
import org.optbench.harness.trial.Trial;

/**
 * A whole experiment file: one grid, or several {@code parts} run together into one run directory (e.g. MNIST
 * with one set of learning rates, analytic functions with another). Trial ids run through the parts in order.
 *
 * @param parts the grids, each an {@link Experiment}; they share name, seed and data options
 */
public record Plan(String name, String description, String source, long seed, List<Experiment> parts) {

    public Plan {
        parts = List.copyOf(parts);
    }

    /** Every trial of every part, ids in order; a configuration may appear in one part only. */
    public List<Trial> trials(Experiment.FunctionNames functions) {
        List<Trial> trials = new ArrayList<>();
        Map<String, Integer> partOf = new HashMap<>();
        for (int index = 0; index < parts.size(); index++) {
            for (Trial trial : parts.get(index).trials(functions)) {
                String identity = trial.identity() + "#" + trial.repeat();
                Integer previous = partOf.putIfAbsent(identity, index);
                if (previous != null && previous != index) {
                    throw new UserError(source + ": parts " + (previous + 1) + " and " + (index + 1) + " both run "
                            + trial.optimizer() + " on " + trial.dataset() + "; a configuration belongs to one part");
                }
                trials.add(trial.withId(trials.size()));
            }
        }
        return trials;
    }

    /**
     * How many trials {@link #trials} would build, counted without building them (saturating at
     * {@link Long#MAX_VALUE}): per part, the sum over data sets of (models, or 1 for a function) × optimizers ×
     * schedules × regularizer sets × repeats (or seeds).
     */
    public long trialCount(Experiment.FunctionNames functions) {
        long total = 0;
        for (Experiment part : parts) {
            long perModel = 1;
            for (long factor : new long[] {part.optimizers().size(), part.schedules().size(), part.regularizerSets().size(),
                    runs(part)}) {
                perModel = saturatedProduct(perModel, factor);
            }
            for (String dataset : part.datasets()) {
                long models = functions.isFunction(dataset) ? 1 : part.models().size();
                total = saturatedSum(total, saturatedProduct(models, perModel));
            }
        }
        return total;
    }

    /** The factors of {@link #trialCount} in words, for a message: {@code 2 data sets × 3 optimizers × ...}. */
    public String countDescription(Experiment.FunctionNames functions) {
        List<String> descriptions = new ArrayList<>();
        for (Experiment part : parts) {
            long functionCount = part.datasets().stream().filter(functions::isFunction).count();
            long datasetCount = part.datasets().size() - functionCount;
            List<String> factors = new ArrayList<>();
            if (datasetCount > 0) {
                factors.add(datasetCount + " data set" + plural(datasetCount) + " × " + part.models().size() + " model"
                        + plural(part.models().size()) + (functionCount > 0 ? " + " + functionCount + " function"
                        + plural(functionCount) : ""));
            } else {
                factors.add(functionCount + " function" + plural(functionCount));
            }
            factors.add(part.optimizers().size() + " optimizer" + plural(part.optimizers().size()));
            factors.add(part.schedules().size() + " schedule" + plural(part.schedules().size()));
            factors.add(part.regularizerSets().size() + " regularizer set" + plural(part.regularizerSets().size()));
            factors.add(part.seeds().isEmpty() ? "repeats " + part.repeats() : part.seeds().size() + " seeds");
            descriptions.add(String.join(" × ", factors));
        }
        return String.join(" + ", descriptions);
    }

    private static long runs(Experiment part) {
        return part.seeds().isEmpty() ? part.repeats() : part.seeds().size();
    }

    private static String plural(long count) {
        return count == 1 ? "" : "s";
    }

    private static long saturatedProduct(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    private static long saturatedSum(long a, long b) {
        return a > Long.MAX_VALUE - b ? Long.MAX_VALUE : a + b;
    }

    /** The resolved experiment for the manifest: the single grid's keys, or the name, seed and each part's keys. */
    public Map<String, Object> resolvedConfig() {
        if (parts.size() == 1) {
            return parts.get(0).resolvedConfig();
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("seed", seed);
        List<Object> resolved = new ArrayList<>();
        for (Experiment part : parts) {
            Map<String, Object> partConfig = new LinkedHashMap<>(part.resolvedConfig());
            partConfig.remove("name");
            partConfig.remove("seed");
            resolved.add(partConfig);
        }
        config.put("parts", resolved);
        return config;
    }

    /** The tuning block every part shares, or null for a plain grid. */
    public org.optbench.harness.tuning.Tuning tuning() {
        return parts.get(0).tuning();
    }

    /** The first target any part sets, or null. */
    public Target target() {
        return parts.stream().map(part -> part.settings().target()).filter(t -> t != null).findFirst().orElse(null);
    }
}
