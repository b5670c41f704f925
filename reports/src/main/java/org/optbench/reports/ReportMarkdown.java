package org.optbench.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.optbench.reports.compare.Comparison;
import org.optbench.reports.csv.Cells;
import org.optbench.reports.figures.FigureFormat;
import org.optbench.reports.figures.Figures;
import org.optbench.reports.figures.Labels;
import org.optbench.reports.stats.ConfigurationSummary;
import org.optbench.reports.stats.MeanDifference;
import org.optbench.reports.stats.Metric;
import org.optbench.reports.stats.MetricSummary;
import org.optbench.reports.stats.TargetSummary;

/** Renders {@code report.md}: the experiment, the summary table, the figures, and the provenance. */
final class ReportMarkdown {
    private static final List<Metric> TABLE_METRICS = List.of(Metric.TEST_ACCURACY, Metric.VAL_ACCURACY,
            Metric.TEST_LOSS, Metric.VAL_LOSS, Metric.TRAIN_LOSS, Metric.S_PER_EPOCH);

    private ReportMarkdown() {
    }

    static String render(RunData data, List<ConfigurationSummary> summaries, List<Figures.Figure> figures,
            Set<FigureFormat> formats) {
        return render(data, data.trials().size(), summaries, figures, formats, "");
    }

    /**
     * The report of {@code data}; {@code finished} counts every finished trial of the run (a tuned run's report shows
     * only its final phase, but its tuning trials count towards the plan), and {@code sections} (a tuned run's tuning
     * section) goes after the figures and before the provenance.
     */
    static String render(RunData data, int finished, List<ConfigurationSummary> summaries, List<Figures.Figure> figures,
            Set<FigureFormat> formats, String sections) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(data.name()).append("\n\n");
        int configurations = summaries.size();
        int trials = data.trials().size();
        out.append(configurations).append(configurations == 1 ? " configuration, " : " configurations, ")
                .append(trials).append(trials == 1 ? " trial" : " trials");
        Map<String, String> targets = new java.util.LinkedHashMap<>();
        summaries.forEach(summary -> {
            String dataset = summary.configuration().dataset();
            String target = data.targetFor(dataset);
            if (target != null) {
                targets.put(dataset, target);
            }
        });
        if (new java.util.HashSet<>(targets.values()).size() == 1) {
            out.append("; target `").append(targets.values().iterator().next()).append('`');
        } else if (!targets.isEmpty()) {
            List<String> parts = new ArrayList<>();
            targets.forEach((dataset, target) -> parts.add("`" + target + "` on " + Labels.nameOf(dataset)));
            out.append("; targets ").append(String.join(", ", parts));
        }
        out.append(". Rebuilt by `optbench report` from `").append(RunFiles.TRIALS).append("` and `")
                .append(RunFiles.CURVES).append("`; the numbers below are in `").append(RunFiles.SUMMARY)
                .append("`.\n\n");

        design(out, data, finished, summaries);

        out.append("## Summary\n\n");
        List<Metric> metrics = TABLE_METRICS.stream()
                .filter(metric -> summaries.stream().anyMatch(summary -> summary.metric(metric).n() > 0)).toList();
        boolean hasTarget = summaries.stream().anyMatch(summary -> summary.target() != null);
        List<Configuration> order = summaries.stream().map(ConfigurationSummary::configuration).toList();
        Map<Configuration, String> labels = Labels.of(order);
        List<String> header = new ArrayList<>(List.of("configuration", "n", "status"));
        metrics.forEach(metric -> header.add(metric.label() + (metric.isAccuracy() ? " (%)" : "")));
        if (hasTarget) {
            header.add("reached target");
            header.add("median time to target");
        }
        row(out, header);
        List<String> rule = new ArrayList<>();
        header.forEach(cell -> rule.add(rule.isEmpty() ? "---" : "---:"));
        rule.set(2, "---");
        row(out, rule);
        for (ConfigurationSummary summary : summaries) {
            List<String> cells = new ArrayList<>();
            cells.add(escape(labels.get(summary.configuration())));
            cells.add(Integer.toString(summary.trials()));
            cells.add(status(summary));
            for (Metric metric : metrics) {
                cells.add(meanWithInterval(summary.metric(metric), metric));
            }
            if (hasTarget) {
                TargetSummary t = summary.target();
                cells.add(t == null ? "" : t.successes() + "/" + t.trials());
                cells.add(t == null || t.successes() == 0 ? "never" : Double.isFinite(t.secondsMedian())
                        ? format(t.secondsMedian(), 3) + " s (" + steps(t.stepsMedian()) + " steps)"
                        : steps(t.stepsMedian()) + " steps");
            }
            row(out, cells);
        }
        out.append("\nEach cell: mean ± half-width of the 95% Student-t confidence interval over the usable seeds"
                + " (`ok` or `stopped-early`) that produced the metric (no interval with one seed). Time to target:"
                + " median over the seeds that reached it. Full configurations:\n\n");
        for (ConfigurationSummary summary : summaries) {
            Configuration c = summary.configuration();
            out.append("- **").append(escape(labels.get(c))).append("**: `").append(c.optimizer()).append("`, schedule `")
                    .append(c.schedule()).append("`, regularizers `").append(c.regularizers()).append("`, data `")
                    .append(c.dataset()).append('`');
            if (!c.model().isBlank()) {
                out.append(", model `").append(c.model()).append('`');
            }
            out.append('\n');
        }
        List<TrialRow> problems = data.trials().stream().filter(trial -> trial.status() != TrialStatus.OK
                && !trial.message().isBlank()).toList();
        if (!problems.isEmpty()) {
            out.append("\nTrials that did not end `ok`:\n\n");
            for (TrialRow trial : problems) {
                out.append("- trial ").append(trial.trial()).append(" (").append(escape(labels.get(
                        trial.configuration()))).append(", seed ").append(trial.seed()).append("): ")
                        .append(trial.status().key()).append(" — ").append(escape(trial.message())).append('\n');
            }
        }

        if (!figures.isEmpty()) {
            out.append("\n## Figures\n\n");
            FigureFormat embedded = formats.contains(FigureFormat.PNG) ? FigureFormat.PNG
                    : formats.contains(FigureFormat.SVG) ? FigureFormat.SVG : FigureFormat.PDF;
            for (Figures.Figure figure : figures) {
                String link = RunFiles.FIGURES + "/" + figure.name() + "." + embedded.extension();
                if (embedded == FigureFormat.PDF) {
                    out.append("- [").append(escape(figure.caption())).append("](").append(link).append(")\n");
                    continue;
                }
                out.append("![").append(escape(figure.name())).append("](").append(link).append(")\n\n");
                out.append('*').append(escape(figure.caption())).append("*\n\n");
            }
        }

        out.append(sections);
        out.append("\n## Provenance\n\n");
        if (data.manifest().isEmpty()) {
            out.append("No `").append(RunFiles.MANIFEST).append("` in this directory.\n");
        } else {
            // Scalars and flat maps or lists as bullets; anything deeper (the resolved experiment) as JSON.
            List<Map.Entry<String, Object>> nested = new ArrayList<>();
            for (Map.Entry<String, Object> entry : data.manifest().entrySet()) {
                Object value = entry.getValue();
                String key = "- **" + escape(entry.getKey()) + "**: ";
                if (value instanceof Map<?, ?> map && map.values().stream().allMatch(ReportMarkdown::isScalar)) {
                    out.append(key).append(map.isEmpty() ? "none" : "").append('\n');
                    map.forEach((name, item) -> out.append("  - ").append(escape(String.valueOf(name))).append(": ")
                            .append(scalar(item)).append('\n'));
                } else if (value instanceof List<?> list && list.stream().allMatch(ReportMarkdown::isScalar)) {
                    out.append(key).append(list.isEmpty() ? "none"
                            : String.join(", ", list.stream().map(ReportMarkdown::scalar).toList())).append('\n');
                } else if (value instanceof Map<?, ?> || value instanceof List<?>) {
                    nested.add(entry);
                } else {
                    out.append(key).append(scalar(value)).append('\n');
                }
            }
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            for (Map.Entry<String, Object> entry : nested) {
                out.append("\n**").append(escape(entry.getKey())).append("**\n\n```json\n");
                try {
                    out.append(json.writeValueAsString(entry.getValue()));
                } catch (JsonProcessingException e) {
                    out.append(entry.getValue());
                }
                out.append("\n```\n");
            }
        }
        return out.toString();
    }

    /**
     * The design: pairing, seeds, data seed, the tests that apply, the configurations too small to test, and
     * whether the run has every trial it planned.
     */
    private static void design(StringBuilder out, RunData data, int finished, List<ConfigurationSummary> summaries) {
        out.append("## Design\n\n");
        RunPlan plan = RunPlan.of(data.manifest());
        Map<Configuration, String> labels = Labels.of(summaries.stream().map(ConfigurationSummary::configuration)
                .toList());
        if ("paired".equals(plan.pairing())) {
            out.append("- **Paired seeds** (common random numbers): every configuration of the same data set, model"
                    + " and repeat shares its trial seed, so they start from the same weights and see the same batches,"
                    + " dropout masks and gradient noise; differences between them are not seed noise.\n");
        } else if ("independent".equals(plan.pairing())) {
            out.append("- **Independent seeds** (`pairing: independent`): each configuration draws its own trial"
                    + " seeds, so differences between configurations include seed noise.\n");
        } else {
            out.append("- Seed pairing unknown (no `pairing` in `").append(RunFiles.MANIFEST).append("`).\n");
        }
        int fewest = summaries.stream().mapToInt(ConfigurationSummary::trials).min().orElse(0);
        int most = summaries.stream().mapToInt(ConfigurationSummary::trials).max().orElse(0);
        long dataSeeds = data.trials().stream().mapToLong(TrialRow::dataSeed).distinct().count();
        out.append("- ").append(fewest == most ? Integer.toString(most) : fewest + " to " + most)
                .append(most == 1 ? " seed" : " seeds").append(" per configuration; ").append(dataSeeds)
                .append(dataSeeds == 1 ? " data seed (one draw of the data, split and subset for every trial)"
                        : " data seeds (one per data set)").append(".\n");
        Metric primary = summaries.isEmpty() ? null : Comparison.primaryMetric(summaries.get(0).configuration(),
                data.trials(), data);
        out.append("- Tests: intervals below are Student-t 95% intervals of the mean over seeds; diverged, failed and"
                + " timed-out trials are counted in *status* and left out of the means. `optbench compare` tests each"
                + " configuration's primary metric")
                .append(primary == null ? "" : " (here `" + primary.column() + "`)")
                .append(" one-sided: the paired t-test on per-seed differences when two runs share trial seeds,"
                        + " else Welch's t-test; seconds per epoch with the Mann–Whitney test on the log scale.\n");
        List<String> small = summaries.stream()
                .filter(summary -> summary.trials() < MeanDifference.MINIMUM_SEEDS)
                .map(summary -> escape(labels.get(summary.configuration())) + " (" + summary.trials() + ")").toList();
        if (!small.isEmpty()) {
            out.append("- **Fewer than ").append(MeanDifference.MINIMUM_SEEDS).append(" seeds**: ")
                    .append(String.join(", ", small)).append(". Any comparison involving ")
                    .append(small.size() == 1 ? "it" : "them").append(" is not significant by construction.\n");
        }
        int present = finished;
        List<String> gaps = new ArrayList<>();
        for (ConfigurationSummary summary : summaries) {
            int planned = plan.planned(summary.configuration());
            if (planned > summary.trials()) {
                gaps.add(escape(labels.get(summary.configuration())) + " " + summary.trials() + "/" + planned);
            }
        }
        if (plan.totalPlanned() > present || !gaps.isEmpty()) {
            out.append("- **Incomplete run**: ").append(present).append(" of ")
                    .append(plan.totalPlanned() > 0 ? Integer.toString(plan.totalPlanned()) : "?")
                    .append(" planned trials have finished").append(gaps.isEmpty() ? "" : " (" + String.join(", ", gaps)
                            + ")").append("; finish it with `optbench run --resume --out DIR`.\n");
        } else if (plan.totalPlanned() > 0) {
            out.append("- Complete: ").append(present).append(" of ").append(plan.totalPlanned())
                    .append(" planned trials.\n");
        }
        out.append('\n');
    }

    private static boolean isScalar(Object value) {
        return !(value instanceof Map<?, ?>) && !(value instanceof List<?>);
    }

    private static String scalar(Object value) {
        return value == null || value.toString().isBlank() ? "—" : "`" + value + "`";
    }

    private static String status(ConfigurationSummary summary) {
        List<String> parts = new ArrayList<>();
        for (TrialStatus status : TrialStatus.values()) {
            int count = summary.count(status);
            if (count > 0) {
                parts.add(count + " " + status.key());
            }
        }
        return String.join(", ", parts);
    }

    private static String meanWithInterval(MetricSummary summary, Metric metric) {
        if (summary.n() == 0) {
            return "";
        }
        double scale = metric.isAccuracy() ? 100 : 1;
        if (metric.isAccuracy()) {
            String mean = String.format(Locale.ROOT, "%.2f", scale * summary.mean());
            return Double.isFinite(summary.ciHalfWidth()) ? mean + " ± " + String.format(Locale.ROOT, "%.2f",
                    scale * summary.ciHalfWidth()) : mean;
        }
        String mean = format(summary.mean(), 4);
        return Double.isFinite(summary.ciHalfWidth()) ? mean + " ± " + format(summary.ciHalfWidth(), 2) : mean;
    }

    /** {@code value} with {@code digits} significant digits, without exponent for ordinary magnitudes. */
    static String format(double value, int digits) {
        if (!Double.isFinite(value)) {
            return Double.isNaN(value) ? "" : (value > 0 ? "∞" : "−∞");
        }
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e6 || magnitude < 1e-4) {
            return String.format(Locale.ROOT, "%." + (digits - 1) + "e", value);
        }
        int decimals = Math.max(0, digits - 1 - (int) Math.floor(Math.log10(magnitude)));
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** An update count; a median of two counts can end in .5. */
    private static String steps(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static void row(StringBuilder out, List<String> cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_");
    }
}
