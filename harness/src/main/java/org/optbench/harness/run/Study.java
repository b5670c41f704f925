package org.optbench.harness.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.optbench.harness.config.Experiment;
import org.optbench.harness.config.Plan;
import org.optbench.harness.trial.Trial;
import org.optbench.harness.trial.TrialSeeds;
import org.optbench.harness.trial.TrialSettings;
import org.optbench.harness.tuning.Halving;
import org.optbench.harness.tuning.Tuning;
import org.optbench.reports.TrialRow;
import org.optbench.reports.tuning.Selection;

/**
 * The trials of a run in their waves. A plain grid is one wave. A tuned experiment (docs/harness.md, "Tuning")
 * has the tuning trials, ids {@code 0..T−1}, then, once every tuning trial's row is in {@code trials.csv}, the
 * final trials, ids {@code T..T+G·N−1} (G problem × optimizer groups in the order of their first tuning trial, N
 * final seeds, repeat fastest), each rerunning its group's selected configuration.
 *
 * <p>Without successive halving the tuning trials are one wave, known from the experiment file. With it
 * ({@link Halving}), wave k holds each group's trials at rung k: wave 0 is every configuration at rung 0 (or
 * straight at the top rung for a group of one configuration), and wave k + 1 reruns, longer, the configurations
 * that rung k kept, in the order of their wave-k trials. Every plan after the first is a pure function of the
 * previous wave's rows ({@link Selection#rank}, then ⌈n/η⌉ kept), and so is the selection, so a resumed run plans
 * the same trials as an uninterrupted one, on any executor and thread count. How many trials each wave has is
 * known from the start (n_(k+1) = ⌈n_k/η⌉ per group); only which configurations they run waits for the rows.
 */
final class Study {
    static final String TUNE = Selection.TUNE;
    static final String FINAL = "final";

    private final Plan plan;
    private final Tuning tuning;
    private final Halving halving;
    private final List<Trial> firstWave;
    private final int tuningCount;
    /** Per group, the plan's full-length trial that final trials copy their settings from. */
    private final Map<Selection.Problem, Trial> templates = new LinkedHashMap<>();
    /** Per group, the number of configurations at each wave it runs, the last the top rung's. */
    private final Map<Selection.Problem, List<Integer>> sizes = new HashMap<>();
    /** The phase of every tuning trial planned so far (read by the executor's result threads). */
    private final Map<Integer, String> phases = new ConcurrentHashMap<>();

    Study(Plan plan, List<Trial> planned) {
        this.plan = plan;
        this.tuning = plan.tuning();
        this.halving = tuning == null ? null : tuning.halving();
        Map<Selection.Problem, Set<String>> configurations = new LinkedHashMap<>();
        for (Trial trial : planned) {
            Selection.Problem group = group(trial);
            templates.putIfAbsent(group, trial);
            configurations.computeIfAbsent(group, key -> new LinkedHashSet<>()).add(trial.optimizer());
        }
        if (halving == null) {
            firstWave = List.copyOf(planned);
            tuningCount = planned.size();
            if (tuning != null) {
                planned.forEach(trial -> phases.put(trial.id(), TUNE));
            }
            return;
        }
        int count = 0;
        for (Map.Entry<Selection.Problem, Set<String>> group : configurations.entrySet()) {
            List<Integer> groupSizes = halving.sizes(group.getValue().size(), templates.get(group.getKey()).settings().epochs());
            sizes.put(group.getKey(), groupSizes);
            count += tuning.seeds() * groupSizes.stream().mapToInt(Integer::intValue).sum();
        }
        tuningCount = count;
        List<Trial> wave = new ArrayList<>();
        for (Trial trial : planned) {
            wave.add(atWave(trial, trial.id(), 0));
        }
        firstWave = List.copyOf(wave);
    }

    boolean tuned() {
        return tuning != null;
    }

    Tuning tuning() {
        return tuning;
    }

    /** The trials known before any runs: the whole grid, or the first wave of tuning trials. */
    List<Trial> firstPhase() {
        return firstWave;
    }

    /** Every trial the run will have, later rungs and final ones included. */
    int totalTrials() {
        return tuningCount + finalCount();
    }

    /** Tuning trials after the first wave (later rungs of successive halving). */
    int laterTuningCount() {
        return tuningCount - firstWave.size();
    }

    /**
     * The epochs the tuning trials train for, s · Σ_groups Σ_waves n_w · e_w (e_w the wave's rung length, the full
     * length at the top rung), and what they would without halving, s · Σ_groups n · E; equal without halving.
     * Trials that diverge or stop early train less.
     */
    long[] tuningEpochs() {
        long with = 0;
        long without = 0;
        for (Map.Entry<Selection.Problem, Trial> group : templates.entrySet()) {
            int epochs = group.getValue().settings().epochs();
            long trials = firstWave.stream().filter(trial -> group(trial).equals(group.getKey())).count();
            without += trials * epochs;
            if (halving == null) {
                continue;
            }
            List<Integer> groupSizes = sizes.get(group.getKey());
            List<Integer> rungs = halving.rungs(epochs);
            for (int wave = 0; wave < groupSizes.size(); wave++) {
                int length = wave == groupSizes.size() - 1 ? epochs : rungs.get(wave);
                with += (long) tuning.seeds() * groupSizes.get(wave) * length;
            }
        }
        return new long[] {halving == null ? without : with, without};
    }

    int finalCount() {
        return tuned() ? templates.size() * tuning.finalSeeds() : 0;
    }

    /** The {@code phase} cell of a planned trial's rows: {@code tune}, {@code rung-k}, {@code final} or empty. */
    String phase(int trialId) {
        if (!tuned()) {
            return "";
        }
        if (trialId >= tuningCount) {
            return FINAL;
        }
        String phase = phases.get(trialId);
        if (phase == null) {
            throw new IllegalStateException("tuning trial " + trialId + " has not been planned");
        }
        return phase;
    }

    /**
     * Every wave that {@code rows} (of {@code trials.csv}) lets one plan, in order: the first wave always; each
     * later rung once every trial of the wave before has a row; the final trials once every tuning trial has one.
     */
    List<List<Trial>> waves(List<TrialRow> rows) {
        Map<Integer, TrialRow> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.trial(), row));
        List<List<Trial>> waves = new ArrayList<>();
        waves.add(firstWave);
        int planned = firstWave.size();
        while (planned < tuningCount && complete(waves.get(waves.size() - 1), byId)) {
            List<Trial> next = nextWave(waves.size() - 1, waves.get(waves.size() - 1), byId, planned);
            waves.add(next);
            planned += next.size();
        }
        if (planned == tuningCount && finalCount() > 0 && complete(waves.get(waves.size() - 1), byId)) {
            waves.add(finalTrials(rows));
        }
        return waves;
    }

    /** The choice per group, from the rows of {@code trials.csv} (only the tuning rows are read). */
    List<Selection.Choice> select(List<TrialRow> rows) {
        Set<Integer> present = new HashSet<>();
        for (TrialRow row : rows) {
            if (Selection.tuning(row.phase())) {
                present.add(row.trial());
            }
        }
        for (int id = 0; id < tuningCount; id++) {
            if (!present.contains(id)) {
                throw new IllegalStateException("tuning trial " + id + " has no row; the selection needs all " + tuningCount);
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
        firstWave.forEach(trial -> tuningSeeds.add(trial.seed())); // later rungs rerun these seeds
        List<Trial> trials = new ArrayList<>();
        int id = tuningCount;
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

    /**
     * Wave {@code wave + 1}: per group still below its top rung, the rows of its wave-{@code wave} trials ranked as
     * the selection ranks (mean over seeds, diverged worst, ties to the earlier trial), the best ⌈n/η⌉ kept; their
     * trials rerun in the same order under new ids from {@code firstId}, at the next rung's length.
     */
    private List<Trial> nextWave(int wave, List<Trial> trials, Map<Integer, TrialRow> rows, int firstId) {
        Map<Selection.Problem, List<TrialRow>> groups = new LinkedHashMap<>();
        for (Trial trial : trials) {
            if (sizes.get(group(trial)).size() > wave + 1) {
                groups.computeIfAbsent(group(trial), key -> new ArrayList<>()).add(rows.get(trial.id()));
            }
        }
        Set<String> kept = new HashSet<>();
        groups.forEach((group, groupRows) -> {
            List<Selection.Scored> ranked = Selection.rank(groupRows, tuning.metric(), tuning.mode());
            int keep = sizes.get(group).get(wave + 1);
            if (ranked.size() != sizes.get(group).get(wave) || keep != halving.kept(ranked.size())) {
                throw new IllegalStateException("rung " + wave + " of " + group + " has " + ranked.size()
                        + " configurations, planned " + sizes.get(group).get(wave));
            }
            ranked.subList(0, keep).forEach(scored -> kept.add(key(group, scored.configuration())));
        });
        List<Trial> next = new ArrayList<>();
        int id = firstId;
        for (Trial trial : trials) {
            if (kept.contains(key(group(trial), trial.optimizer()))) {
                next.add(atWave(trial, id++, wave + 1));
            }
        }
        return next;
    }

    /** The trial as its group runs it at {@code wave}: a lower rung's length, or the full length at the top. */
    private Trial atWave(Trial trial, int id, int wave) {
        Selection.Problem group = group(trial);
        List<Integer> groupSizes = sizes.get(group);
        TrialSettings full = templates.get(group).settings();
        boolean top = wave == groupSizes.size() - 1;
        int epochs = top ? full.epochs() : halving.rungs(full.epochs()).get(wave);
        TrialSettings settings = new TrialSettings(epochs, full.batch(), full.dropLastBatch(), full.steps(),
                full.evalEvery(), full.divergence(), full.timeBudgetSeconds(), full.target(), full.evaluation());
        phases.put(id, top ? TUNE : Selection.RUNG + wave);
        return new Trial(id, trial.dataset(), trial.model(), trial.optimizer(), trial.schedule(), trial.regularizers(),
                trial.repeat(), trial.seed(), trial.dataSeed(), settings);
    }

    private static boolean complete(List<Trial> wave, Map<Integer, TrialRow> rows) {
        return wave.stream().allMatch(trial -> rows.containsKey(trial.id()));
    }

    private static Selection.Problem group(Trial trial) {
        return Selection.Problem.of(trial.configuration());
    }

    private static String key(Selection.Problem group, String configuration) {
        return group + "\u0000" + configuration;
    }
}
