package org.optbench.harness.run;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optbench.harness.config.Experiment;
import org.optbench.harness.config.Plan;
import org.optbench.harness.trial.Trial;
import org.optbench.harness.trial.TrialSeeds;
import org.optbench.harness.tuning.Tuning;
import org.optbench.reports.TrialRow;
import org.optbench.reports.tuning.Selection;

/**
 * The trials of a run in their phases. A plain grid is one phase. A tuned experiment (docs/harness.md, "Tuning")
 * has two: the tuning trials, ids {@code 0..T−1}, known from the experiment file alone; then, once every tuning
 * trial's row is in {@code trials.csv}, the final trials, ids {@code T..T+G·N−1} (G problem × optimizer groups in
 * the order of their first tuning trial, N final seeds, repeat fastest), each rerunning its group's selected
 * configuration. The selection is {@link Selection#select}, a pure function of the tuning rows, so a resumed run
 * plans the same final trials as an uninterrupted one; their count is known from the start, only their
 * configuration waits for the tuning phase.
 */
final class Study {
    static final String TUNE = "tune";
    static final String FINAL = "final";

    private final Plan plan;
    private final List<Trial> tuningTrials;
    private final Tuning tuning;
    private final Map<Selection.Problem, Trial> templates = new LinkedHashMap<>();

    Study(Plan plan, List<Trial> firstPhase) {
        this.plan = plan;
        this.tuningTrials = List.copyOf(firstPhase);
        this.tuning = plan.tuning();
        for (Trial trial : tuningTrials) {
            templates.putIfAbsent(Selection.Problem.of(trial.configuration()), trial);
        }
    }

    boolean tuned() {
        return tuning != null;
    }

    Tuning tuning() {
        return tuning;
    }

    /** The trials known before any runs: the whole grid, or the tuning trials. */
    List<Trial> firstPhase() {
        return tuningTrials;
    }

    /** Every trial the run will have, final ones included. */
    int totalTrials() {
        return tuningTrials.size() + finalCount();
    }

    int finalCount() {
        return tuned() ? templates.size() * tuning.finalSeeds() : 0;
    }

    /** The {@code phase} cell of a trial's rows. */
    String phase(int trialId) {
        if (!tuned()) {
            return "";
        }
        return trialId < tuningTrials.size() ? TUNE : FINAL;
    }

    /** The choice per group, from the rows of {@code trials.csv} (only the tuning rows are read). */
    List<Selection.Choice> select(List<TrialRow> rows) {
        Set<Integer> present = new HashSet<>();
        for (TrialRow row : rows) {
            if (row.phase().equals(TUNE)) {
                present.add(row.trial());
            }
        }
        for (Trial trial : tuningTrials) {
            if (!present.contains(trial.id())) {
                throw new IllegalStateException("tuning trial " + trial.id() + " has no row; the selection needs all "
                        + tuningTrials.size());
            }
        }
        return Selection.select(rows, tuning.metric(), tuning.mode());
    }

    /** The final trials, planned from the complete tuning rows. */
    List<Trial> finalTrials(List<TrialRow> rows) {
        if (!tuned() || tuning.finalSeeds() == 0) {
            return List.of();
        }
        Experiment first = plan.parts().get(0);
        Set<Long> tuningSeeds = new HashSet<>();
        tuningTrials.forEach(trial -> tuningSeeds.add(trial.seed()));
        List<Trial> trials = new ArrayList<>();
        int id = tuningTrials.size();
        for (Selection.Choice choice : select(rows)) {
            Trial template = templates.get(choice.problem());
            for (int repeat = 0; repeat < tuning.finalSeeds(); repeat++) {
                Trial draft = new Trial(id, template.dataset(), template.model(), choice.chosen().configuration(),
                        template.schedule(), template.regularizers(), repeat, 0, template.dataSeed(), template.settings());
                long seed = first.pairing() == Experiment.Pairing.PAIRED
                        ? TrialSeeds.finalTrialSeed(first.seed(), draft.dataset(), draft.model(), repeat)
                        : TrialSeeds.independentFinalTrialSeed(first.seed(), draft.identity(), repeat);
                if (tuningSeeds.contains(seed)) {
                    // A 64-bit hash collision between two distinct keys: never seen, but the protocol forbids it.
                    throw new IllegalStateException("final seed " + seed + " equals a tuning seed; change the experiment seed");
                }
                trials.add(new Trial(id++, draft.dataset(), draft.model(), draft.optimizer(), draft.schedule(),
                        draft.regularizers(), repeat, seed, draft.dataSeed(), draft.settings()));
            }
        }
        return trials;
    }
}
