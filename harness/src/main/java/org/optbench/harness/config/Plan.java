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
