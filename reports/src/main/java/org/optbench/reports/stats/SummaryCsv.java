package org.optbench.reports.stats;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVPrinter;
import org.optbench.reports.Configuration;
import org.optbench.reports.RunFiles;
import org.optbench.reports.TrialStatus;
import org.optbench.reports.csv.Cells;
import org.optbench.reports.csv.CsvRows;

/**
 * {@code summary.csv}: one row per configuration. Columns: the five components; {@code trials} and one count per
 * status ({@code ok, diverged, stopped_early, time_budget, failed}); for every metric M of {@link Metric}
 * {@code M_n, M_mean, M_std, M_ci_low, M_ci_high, M_median, M_q1, M_q3, M_min, M_max}; then
 * {@code target_trials, target_successes, target_success_rate, time_to_target_s_median, time_to_target_s_q1,
 * time_to_target_s_q3, steps_to_target_median, steps_to_target_q1, steps_to_target_q3} (empty without a target).
 */
public final class SummaryCsv {
    private static final List<String> STATISTICS = List.of("n", "mean", "std", "ci_low", "ci_high", "median", "q1",
            "q3", "min", "max");
    private static final List<String> TARGET = List.of("target_trials", "target_successes", "target_success_rate",
            "time_to_target_s_median", "time_to_target_s_q1", "time_to_target_s_q3", "steps_to_target_median",
            "steps_to_target_q1", "steps_to_target_q3");

    /** The header of {@code summary.csv}. */
    public static final List<String> HEADER = header();

    private SummaryCsv() {
    }

    private static List<String> header() {
        List<String> header = new ArrayList<>(List.of("optimizer", "schedule", "regularizers", "dataset", "model",
                "trials"));
        for (TrialStatus status : TrialStatus.values()) {
            header.add(status.key().replace('-', '_'));
        }
        for (Metric metric : Metric.values()) {
            for (String statistic : STATISTICS) {
                header.add(metric.column() + "_" + statistic);
            }
        }
        header.addAll(TARGET);
        return List.copyOf(header);
    }

    /** Writes {@code summaries} to {@code file} (a run directory's {@code summary.csv}) atomically. */
    public static void write(Path file, List<ConfigurationSummary> summaries) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, Cells.FORMAT)) {
            printer.printRecord(HEADER);
            for (ConfigurationSummary summary : summaries) {
                printer.printRecord(cells(summary));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Cells.writeAtomically(file, out.toString());
    }

    /** Reads a {@code summary.csv}; {@code path} is the file or the run directory holding it. */
    public static List<ConfigurationSummary> read(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(RunFiles.SUMMARY) : path;
        List<ConfigurationSummary> summaries = new ArrayList<>();
        for (CsvRows.Row row : CsvRows.read(file, HEADER).rows()) {
            int column = 0;
            Configuration configuration = new Configuration(row.text(0), row.text(1), row.text(2), row.text(3),
                    row.text(4));
            int trials = row.smallInteger(5);
            column = 6;
            Map<TrialStatus, Integer> counts = new EnumMap<>(TrialStatus.class);
            for (TrialStatus status : TrialStatus.values()) {
                counts.put(status, row.smallInteger(column++));
            }
            Map<Metric, MetricSummary> metrics = new EnumMap<>(Metric.class);
            for (Metric metric : Metric.values()) {
                int n = row.smallInteger(column);
                metrics.put(metric, new MetricSummary(n, row.number(column + 1), row.number(column + 2),
                        row.number(column + 3), row.number(column + 4), row.number(column + 5),
                        row.number(column + 6), row.number(column + 7), row.number(column + 8),
                        row.number(column + 9)));
                column += STATISTICS.size();
            }
            TargetSummary target = null;
            if (!row.text(column).isEmpty()) {
                target = new TargetSummary(row.smallInteger(column), row.smallInteger(column + 1),
                        row.number(column + 3), row.number(column + 4), row.number(column + 5),
                        row.number(column + 6), row.number(column + 7), row.number(column + 8));
            }
            summaries.add(new ConfigurationSummary(configuration, trials, counts, metrics, target));
        }
        return summaries;
    }

    private static List<String> cells(ConfigurationSummary summary) {
        Configuration c = summary.configuration();
        List<String> cells = new ArrayList<>(List.of(c.optimizer(), c.schedule(), c.regularizers(), c.dataset(),
                c.model(), Integer.toString(summary.trials())));
        for (TrialStatus status : TrialStatus.values()) {
            cells.add(Integer.toString(summary.count(status)));
        }
        for (Metric metric : Metric.values()) {
            MetricSummary m = summary.metric(metric);
            cells.add(Integer.toString(m.n()));
            for (double value : new double[] {m.mean(), m.std(), m.ciLow(), m.ciHigh(), m.median(), m.q1(), m.q3(),
                m.min(), m.max()}) {
                cells.add(Cells.number(value));
            }
        }
        TargetSummary t = summary.target();
        if (t == null) {
            for (int i = 0; i < TARGET.size(); i++) {
                cells.add("");
            }
        } else {
            cells.add(Integer.toString(t.trials()));
            cells.add(Integer.toString(t.successes()));
            for (double value : new double[] {t.successRate(), t.secondsMedian(), t.secondsQ1(), t.secondsQ3(),
                t.stepsMedian(), t.stepsQ1(), t.stepsQ3()}) {
                cells.add(Cells.number(value));
            }
        }
        return cells;
    }
}
