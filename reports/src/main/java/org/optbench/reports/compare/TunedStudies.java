package org.optbench.reports.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.optbench.reports.Configuration;
import org.optbench.reports.ReportException;
import org.optbench.reports.RunFiles;
import org.optbench.reports.RunPlan;
import org.optbench.reports.TrialRow;
import org.optbench.reports.tuning.Selection;
import org.optbench.reports.tuning.SelectionCsv;

/**
 * How {@link Comparison} reads two tuned studies (docs/harness.md, "Tuning"): only the <b>final</b> trials are
 * compared, grouped by problem and optimizer <b>family</b> (data set, model, schedule, regularizer set and the
 * optimizer's name without its parameters, as {@link Selection.Problem} groups the tuning), so "tuned adam on
 * MNIST" is matched even when the selected learning rate moved. The tuning trials are never compared as results:
 * they are different configurations by design. What each run selected is reported beside the verdict.
 */
final class TunedStudies {
    private static final String SEARCH_SPACES = "tuning.search_spaces.";
    private static final String FINAL_SEEDS = "tuning.final_seeds";

    private TunedStudies() {
    }

    /** A run's selection for one family: the configuration its final trials ran, and its tuning score if known. */
    record Selected(String configuration, String metric, double score) {
    }

    /** Whether a run is a tuned study: its trials carry a phase ({@code tune} or {@code final}). */
    static boolean tuned(List<TrialRow> rows) {
        return rows.stream().anyMatch(row -> !row.phase().isEmpty());
    }

    /** Why a tuned study and a plain run cannot be compared, and what to do instead. */
    static String mixed(boolean baselineTuned) {
        String tuned = baselineTuned ? "baseline" : "candidate";
        String plain = baselineTuned ? "candidate" : "baseline";
        return "the " + tuned + " is a tuned study (its " + RunFiles.TRIALS + " has tune and final phases) and the "
                + plain + " is a plain run: a tuned study's final trials are matched by optimizer and problem, a plain"
                + " run's by exact configuration, so nothing can be paired; compare two runs of the same experiment"
                + " file (both tuned, or both plain)";
    }

    /** The family key of a configuration: its optimizer's name without parameters, the other components as they are. */
    static Configuration family(Configuration configuration) {
        return new Configuration(Selection.family(configuration.optimizer()), configuration.schedule(),
                configuration.regularizers(), configuration.dataset(), configuration.model());
    }

    /** The final trials grouped by family, in trial order; refused when a family's final trials ran two configurations. */
    static Map<Configuration, List<TrialRow>> finalGroups(List<TrialRow> rows, String role) {
        Map<Configuration, List<TrialRow>> groups = new LinkedHashMap<>();
        rows.stream().filter(row -> row.phase().equals("final"))
                .sorted((a, b) -> Integer.compare(a.trial(), b.trial()))
                .forEach(row -> groups.computeIfAbsent(family(row.configuration()), key -> new ArrayList<>()).add(row));
        groups.forEach((family, trials) -> {
            Set<String> ran = new LinkedHashSet<>();
            trials.forEach(row -> ran.add(row.configuration().optimizer()));
            if (ran.size() > 1) {
                throw new ReportException(role + " " + RunFiles.TRIALS + ": the final trials of " + family.optimizer()
                        + " on " + family.dataset() + " ran " + ran.size() + " configurations (" + String.join(", ", ran)
                        + "); a tuned study reruns one selected configuration per optimizer and problem");
            }
        });
        return groups;
    }

    /** The configuration a family's final trials ran. */
    static String ran(List<TrialRow> finalTrials) {
        return finalTrials.get(0).configuration().optimizer();
    }

    /**
     * The final trials the run planned for a family: the tuning block's {@code final_seeds} when its search spaces
     * include the family, else -1 (unknown).
     */
    static int plannedFinal(RunPlan plan, Configuration family) {
        for (Map<?, ?> block : blocks(plan).values()) {
            if (block.get("search_spaces") instanceof Map<?, ?> spaces && spaces.containsKey(family.optimizer())
                    && block.get("final_seeds") instanceof Number seeds) {
                return seeds.intValue();
            }
        }
        return -1;
    }

    /**
     * The settings that differ, as {@link RunPlan#differences} gives them, with the tuning protocol's own rules: a
     * search space present in one run only is a family present in one run only (matched like a configuration, so
     * not a setting); {@code final_seeds} is the final phase's repeats, checked like a plain run's repeats through
     * the trial counts. (The tuning block's {@code seeds}, part of the budget, is a setting as {@link RunPlan} reads
     * it.)
     */
    static List<String> settingsDifferences(RunPlan baseline, RunPlan candidate) {
        List<String> differences = new ArrayList<>();
        for (String line : baseline.differences(candidate)) {
            String key = line.substring(0, Math.max(0, line.indexOf(": ")));
            boolean oneSided = line.startsWith(key + ": absent → ") || line.endsWith(" → absent");
            if (key.contains(SEARCH_SPACES) && oneSided || key.endsWith(FINAL_SEEDS)) {
                continue;
            }
            differences.add(line);
        }
        return differences;
    }

    /**
     * The scores of {@code selection.csv} by family, keeping only those that name the configuration the family's
     * final trials ran; empty when the run has no {@code selection.csv}.
     */
    static Map<Configuration, Selected> selections(Path directory, Map<Configuration, List<TrialRow>> finalGroups) {
        Map<Configuration, Selected> selected = new LinkedHashMap<>();
        finalGroups.forEach((family, trials) -> selected.put(family, new Selected(ran(trials), "", Double.NaN)));
        if (directory == null || !Files.isRegularFile(directory.resolve(RunFiles.SELECTION))) {
            return selected;
        }
        List<String> header = SelectionCsv.HEADER;
        for (List<String> row : SelectionCsv.read(directory)) {
            Configuration family = new Configuration(row.get(header.indexOf("optimizer")),
                    row.get(header.indexOf("schedule")), row.get(header.indexOf("regularizers")),
                    row.get(header.indexOf("dataset")), row.get(header.indexOf("model")));
            Selected known = selected.get(family);
            if (known != null && known.configuration().equals(row.get(header.indexOf("selected")))) {
                String score = row.get(header.indexOf("score"));
                selected.put(family, new Selected(known.configuration(), row.get(header.indexOf("metric")),
                        score.isEmpty() ? Double.NaN : Double.parseDouble(score)));
            }
        }
        return selected;
    }

    /** The run's tuning blocks by where they sit in the resolved experiment: {@code tuning} or {@code parts[i].tuning}. */
    private static Map<String, Map<?, ?>> blocks(RunPlan plan) {
        Map<String, Map<?, ?>> blocks = new LinkedHashMap<>();
        if (plan.experiment().get("tuning") instanceof Map<?, ?> block) {
            blocks.put("tuning", block);
        }
        if (plan.experiment().get("parts") instanceof List<?> parts) {
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i) instanceof Map<?, ?> part && part.get("tuning") instanceof Map<?, ?> block) {
                    blocks.put("parts[" + i + "].tuning", block);
                }
            }
        }
        return blocks;
    }
}
