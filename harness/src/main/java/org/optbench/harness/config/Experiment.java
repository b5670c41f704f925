package org.optbench.harness.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optbench.harness.trial.Trial;
import org.optbench.harness.trial.TrialSeeds;
import org.optbench.harness.trial.TrialSettings;

/**
 * A checked experiment: every axis of its grid with each component resolved to its canonical form, the shared
 * settings, and how to prepare the data.
 *
 * @param name the experiment's name
 * @param description free text
 * @param source the file it came from, or {@code bundled quickstart}
 * @param seed the experiment seed
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
 */
public record Experiment(String name, String description, String source, long seed, List<String> datasets,
        List<String> models, List<String> optimizers, List<String> schedules, List<List<String>> regularizerSets,
        List<Long> seeds, int repeats, TrialSettings settings, double validation, int subset, String standardize,
        Map<String, String> origins) {

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
                                        repeat, 0, settings);
                                String identity = draft.identity();
                                long trialSeed = seeds.isEmpty()
                                        ? TrialSeeds.trialSeed(seed, identity + "#repeat=" + repeat)
                                        : TrialSeeds.trialSeed(seeds.get(repeat), identity + "#seed");
                                trials.add(new Trial(trials.size(), dataset, model, optimizer, schedule, regularizers,
                                        repeat, trialSeed, settings));
                            }
                        }
                    }
                }
            }
        }
        return trials;
    }

    /** The resolved experiment as written in the manifest; two runs of the same experiment have equal ones. */
    public Map<String, Object> resolvedConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("seed", seed);
        config.put("dataset", datasets);
        config.put("model", models);
        config.put("optimizer", optimizers);
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
