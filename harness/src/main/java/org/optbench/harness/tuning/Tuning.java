package org.optbench.harness.tuning;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An experiment's {@code tuning:} block (docs/harness.md, "Tuning"): how each optimizer's configurations are
 * sampled from its search space, how many, and how the best is chosen and rerun.
 *
 * @param method how configurations are drawn
 * @param budget configurations per optimizer and problem (for grid: the grid's size)
 * @param metric the validation metric that selects, {@code val_loss} or {@code val_accuracy}
 * @param mode {@code final} (the metric of the returned parameters) or {@code best} (the best evaluation)
 * @param seeds trials (seeds) per tuning configuration; the score is their mean
 * @param finalSeeds fresh seeds each selected configuration is rerun on, 0 for no final phase
 * @param spaces each optimizer's search space, in the order written
 * @param halving successive halving of the tuning trials, or null to run every configuration for the whole length
 */
public record Tuning(Method method, int budget, String metric, String mode, int seeds, int finalSeeds,
        List<SearchSpace> spaces, Halving halving) implements Serializable {

    /** How configurations are drawn from a search space. */
    public enum Method {
        /** Every combination of the choices. */
        GRID,
        /** Independent uniform points. */
        RANDOM,
        /** Scrambled Halton points ({@link Halton}). */
        HALTON;

        /** The word written in experiment files. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Tuning {
        spaces = List.copyOf(spaces);
        if (budget < 1 || seeds < 1 || finalSeeds < 0) {
            throw new IllegalArgumentException("budget and seeds must be >= 1, final seeds >= 0");
        }
        if (!metric.equals("val_loss") && !metric.equals("val_accuracy")) {
            throw new IllegalArgumentException("metric must be val_loss or val_accuracy, got " + metric);
        }
        if (!mode.equals("final") && !mode.equals("best")) {
            throw new IllegalArgumentException("mode must be final or best, got " + mode);
        }
    }

    /** Whether a larger score is better (accuracy) rather than a smaller one (loss). */
    public boolean maximize() {
        return metric.equals("val_accuracy");
    }

    /** The block as recorded in the manifest. */
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("method", method.key());
        description.put("budget", budget);
        description.put("metric", metric);
        description.put("mode", mode);
        description.put("seeds", seeds);
        description.put("final_seeds", finalSeeds);
        Map<String, Object> spaceTexts = new LinkedHashMap<>();
        for (SearchSpace space : spaces) {
            spaceTexts.put(space.optimizer(), space.text());
        }
        description.put("search_spaces", spaceTexts);
        if (halving != null) {
            description.put("halving", halving.describe());
        }
        return description;
    }
}
