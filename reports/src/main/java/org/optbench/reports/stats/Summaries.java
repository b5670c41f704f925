package org.optbench.reports.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.optbench.reports.Configuration;
import org.optbench.reports.TrialRow;
import org.optbench.reports.TrialStatus;

/** Groups trials by configuration and summarizes each group over its seeds. */
public final class Summaries {
    private Summaries() {
    }

    /**
     * The trials grouped by configuration, groups in the order of their first trial id (the experiment's order),
     * trials in each group by id.
     */
    public static Map<Configuration, List<TrialRow>> group(List<TrialRow> trials) {
        List<TrialRow> sorted = new ArrayList<>(trials);
        sorted.sort(Comparator.comparingInt(TrialRow::trial));
        Map<Configuration, List<TrialRow>> groups = new LinkedHashMap<>();
        for (TrialRow row : sorted) {
            groups.computeIfAbsent(row.configuration(), key -> new ArrayList<>()).add(row);
        }
        return groups;
    }

    /**
     * One summary per configuration.
     *
     * @param hasTarget whether the run had a target; without one the target summaries are null
     */
    public static List<ConfigurationSummary> of(List<TrialRow> trials, boolean hasTarget) {
        List<ConfigurationSummary> summaries = new ArrayList<>();
        for (Map.Entry<Configuration, List<TrialRow>> group : group(trials).entrySet()) {
            summaries.add(summarize(group.getKey(), group.getValue(), hasTarget));
        }
        return summaries;
    }

    /** The summary of one configuration's trials. */
    public static ConfigurationSummary summarize(Configuration configuration, List<TrialRow> rows, boolean hasTarget) {
        Map<TrialStatus, Integer> counts = new EnumMap<>(TrialStatus.class);
        for (TrialRow row : rows) {
            counts.merge(row.status(), 1, Integer::sum);
        }
        Map<Metric, MetricSummary> metrics = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            // Diverged, failed and timed-out trials are counted above, not averaged in.
            metrics.put(metric, MetricSummary.of(rows.stream().filter(row -> row.status().usable())
                    .mapToDouble(metric::of).toArray()));
        }
        return new ConfigurationSummary(configuration, rows.size(), counts, metrics,
                hasTarget ? TargetSummary.of(rows) : null);
    }
}
