package org.optbench.harness.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optbench.harness.trial.Trial;
import org.optbench.harness.trial.TrialSeeds;
import org.optbench.harness.trial.TrialSettings;
import org.optbench.harness.tuning.Tuning;

/**
 * A checked experiment: every axis of its grid with each component resolved to its canonical form, the shared
 * settings, and how to prepare the data.
 *
 * @param name the experiment's name
 * @param description free text
 * @param source the file it came from, or {@code bundled quickstart}
 * @param seed the experiment seed, from which trial seeds are derived
 * @param dataSeed the experiment's data seed, from which each data set's data seed is derived
 * @param pairing whether configurations of a repeat share their trial seed (see {@link TrialSeeds})
 * @param datasets the data set / function axis
 * @param models the model axis (used for data sets only)
 * @param optimizers the optimizer axis
 * @param schedules the schedule axis
 * @param regularizerSets the regularizer-set axis; each set a list of resolved regularizers
 * @param seeds explicit seeds per configuration, or empty to use {@code repeats}
 * @param repeats trials per configuration when {@code seeds} is empty
 * @param settings shared training settings
 * @param validation the validation hold-out (fraction or count)
 * @param subset training examples kept, 0 for all
 * @param standardize {@code none}, {@code global} or {@code per-feature}
 * @param origins where each key was set (file:line or --set key), for messages after loading data
 * @param tuning the tuning block, or null for a plain grid; when set, {@code optimizers} are the sampled tuning
 *     configurations and {@code repeats} the seeds per tuning configuration
 */
public record Experiment(String name, String description, String source, long seed, long dataSeed, Pairing pairing,
        List<String> datasets,
        List<String> models, List<String> optimizers, List<String> schedules, List<List<String>> regularizerSets,
        List<Long> seeds, int repeats, TrialSettings settings, double validation, int subset, String standardize,
        Map<String, String> origins, Tuning tuning) {

    /** The seed design: common random numbers across configurations (the default), or a seed per configuration. */
    public enum Pairing {
        PAIRED, INDEPENDENT;

        /** The word used in experiment files and the manifest. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Analytic function names, to tell them apart from data sets when expanding the grid. */
    public interface FunctionNames {
        boolean isFunction(String datasetCanonical);
    }

    /**
     * Every trial, in grid order: data set, model, optimizer, schedule, regularizer set, repeat (the last
     * varying fastest). Analytic functions take no model, so the model axis collapses for them.
     */
    public List<Trial> trials(FunctionNames functions) {
        List<Trial> trials = new ArrayList<>();
        int runs = seeds.isEmpty() ? repeats : seeds.size();
        for (String dataset : datasets) {
            List<String> modelAxis = functions.isFunction(dataset) ? List.of("") : models;
            for (String model : modelAxis) {
                for (String optimizer : optimizers) {
                    for (String schedule : schedules) {
                        for (List<String> regularizers : regularizerSets) {
                            for (int repeat = 0; repeat < runs; repeat++) {
                                Trial draft = new Trial(trials.size(), dataset, model, optimizer, schedule, regularizers,
                                        repeat, 0, dataSeed(dataset), settings);
                                trials.add(new Trial(trials.size(), dataset, model, optimizer, schedule, regularizers,
                                        repeat, trialSeed(draft), draft.dataSeed(), settings));
                            }
                        }
                    }
                }
            }
        }
        return trials;
    }

    /** The data seed of one data set in this experiment. */
    public long dataSeed(String dataset) {
        return TrialSeeds.dataSeed(dataSeed, dataset);
    }

    private long trialSeed(Trial trial) {
        int repeat = trial.repeat();
        if (pairing == Pairing.INDEPENDENT) {
            return seeds.isEmpty()
                    ? TrialSeeds.independentTrialSeed(seed, trial.identity(), "repeat=" + repeat)
                    : TrialSeeds.independentTrialSeed(seeds.get(repeat), trial.identity(), "seed");
        }
        return seeds.isEmpty()
                ? TrialSeeds.pairedTrialSeed(seed, trial.dataset(), trial.model(), repeat)
                : TrialSeeds.pairedTrialSeed(seeds.get(repeat), trial.dataset(), trial.model());
    }

    /** The resolved experiment as written in the manifest; two runs of the same experiment have equal ones. */
    public Map<String, Object> resolvedConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("seed", seed);
        config.put("data_seed", dataSeed);
        config.put("pairing", pairing.key());
        config.put("dataset", datasets);
        config.put("model", models);
        config.put("optimizer", tuning == null ? optimizers
                : tuning.spaces().stream().map(org.optbench.harness.tuning.SearchSpace::text).toList());
        if (tuning != null) {
            config.put("tuning", tuning.describe());
        }
        config.put("schedule", schedules);
        List<String> sets = new ArrayList<>();
        for (List<String> set : regularizerSets) {
            sets.add("[" + String.join(", ", set) + "]");
        }
        config.put("regularizers", sets);
        if (seeds.isEmpty()) {
            config.put("repeats", repeats);
        } else {
            config.put("seeds", seeds);
        }
        config.put("epochs", settings.epochs());
        config.put("batch", settings.batch() == 0 ? "full" : settings.batch());
        config.put("last_batch", settings.dropLastBatch() ? "drop" : "keep");
        config.put("steps", settings.steps());
        config.put("eval_every", settings.evalEvery());
        config.put("test_every", settings.evaluation().testEvery() == 0 ? "end" : settings.evaluation().testEvery());
        config.put("val_subset", settings.evaluation().validationSubset());
        config.put("divergence", settings.divergence());
        config.put("time_budget", settings.timeBudgetSeconds() == 0 ? null : settings.timeBudgetSeconds());
        config.put("target", settings.target() == null ? null : settings.target().toString());
        config.put("validation", validation);
        config.put("subset", subset);
        config.put("standardize", standardize);
        return config;
    }

    /** Where {@code key} was set, or the source file when it was left at its default. */
    public String origin(String key) {
        return origins.getOrDefault(key, source + ": " + key + " (default)");
    }
}
