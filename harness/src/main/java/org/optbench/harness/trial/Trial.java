package org.optbench.harness.trial;

import java.io.Serializable;
import java.util.List;
import org.optbench.reports.Configuration;

/**
 * One independent unit of work: a configuration, a repeat and its seed. A plain serializable value naming its
 * components in the component syntax (every parameter resolved), so that any engine (the local thread pool, or
 * a distributed one later) can ship it to a worker, which rebuilds the components from its own Guice registry
 * and runs it with {@link TrialRunner#run(Trial)}.
 *
 * @param id the trial's number in the experiment's grid order, stable across {@code --resume}
 * @param dataset the data set or analytic function
 * @param model the model, empty for an analytic function
 * @param optimizer the optimizer
 * @param schedule the learning-rate schedule
 * @param regularizers the regularizer set, each one resolved
 * @param repeat 0-based repeat index within the configuration
 * @param seed the trial seed (initial weights, batch order, dropout masks, gradient noise), see {@link TrialSeeds}
 * @param dataSeed the data seed (data set draw, validation split, training subset), see {@link TrialSeeds}
 * @param settings the experiment's shared training settings
 */
public record Trial(int id, String dataset, String model, String optimizer, String schedule, List<String> regularizers,
        int repeat, long seed, long dataSeed, TrialSettings settings) implements Serializable {

    public Trial {
        regularizers = List.copyOf(regularizers);
    }

    /** Whether the trial minimizes an analytic function rather than training a model. */
    public boolean isFunction() {
        return model.isEmpty();
    }

    /** The regularizer set as written in outputs: {@code [l2(lambda=0.0001, biases=false)]} or {@code []}. */
    public String regularizerSet() {
        return "[" + String.join(", ", regularizers) + "]";
    }

    /**
     * The configuration as one string, {@code optimizer|schedule|regularizers|dataset|model} (spelled out here, not
     * left to a record's toString); with the repeat, the trial's identity in the {@code independent} seed design.
     */
    public String identity() {
        Configuration configuration = configuration();
        return String.join("|", configuration.optimizer(), configuration.schedule(), configuration.regularizers(),
                configuration.dataset(), configuration.model());
    }

    /** The same trial under another id (ids follow the order of an experiment's parts). */
    public Trial withId(int newId) {
        return new Trial(newId, dataset, model, optimizer, schedule, regularizers, repeat, seed, dataSeed, settings);
    }

    /** What the trial compares; trials differing only in repeat and seed share it. */
    public Configuration configuration() {
        return new Configuration(optimizer, schedule, regularizerSet(), dataset, isFunction() ? "none" : model);
    }
}
