package org.optbench.reports.stats;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import org.optbench.reports.Configuration;
import org.optbench.reports.TrialStatus;

/**
 * Everything {@code summary.csv} says about one configuration over its seeds.
 *
 * @param trials how many trials (seeds) the configuration has
 * @param statusCounts how many trials ended in each status (every status present, possibly 0)
 * @param metrics each metric of {@link Metric} over the trials where it is finite
 * @param target time and updates to the target; null when the run has no target
 */
public record ConfigurationSummary(Configuration configuration, int trials, Map<TrialStatus, Integer> statusCounts,
        Map<Metric, MetricSummary> metrics, TargetSummary target) {

    public ConfigurationSummary {
        Objects.requireNonNull(configuration, "configuration");
        EnumMap<TrialStatus, Integer> counts = new EnumMap<>(TrialStatus.class);
        for (TrialStatus status : TrialStatus.values()) {
            counts.put(status, statusCounts.getOrDefault(status, 0));
        }
        statusCounts = Collections.unmodifiableMap(counts);
        EnumMap<Metric, MetricSummary> all = new EnumMap<>(Metric.class);
        for (Metric metric : Metric.values()) {
            all.put(metric, metrics.getOrDefault(metric, MetricSummary.EMPTY));
        }
        metrics = Collections.unmodifiableMap(all);
    }

    public MetricSummary metric(Metric metric) {
        return metrics.get(metric);
    }

    public int count(TrialStatus status) {
        return statusCounts.get(status);
    }
}
