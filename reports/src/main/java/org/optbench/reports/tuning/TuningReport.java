package org.optbench.reports.tuning;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.optbench.reports.CurveRow;
import org.optbench.reports.RunData;
import org.optbench.reports.TrialRow;
import org.optbench.reports.figures.FigureFormat;
import org.optbench.reports.figures.Figures;

/**
 * The report of a tuned experiment (docs/reports.md, "Tuned experiments"): the selection, the tuning curves (best
 * validation score so far against configurations tried, per optimizer and problem), which optimizer leads at each
 * smaller budget, and across problems a rank table and an AlgoPerf-style performance profile. The rest of the
 * report (summary, curves) shows the final phase only, so it compares the selected configurations.
 */
public final class TuningReport {
    private static final Color[] COLORS = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
        new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442),
        new Color(0x999999)};

    /** The section of report.md and the figures it shows. */
    public record Section(String markdown, List<Figures.Figure> figures) {
    }

    private TuningReport() {
    }

    /** Whether the run is a tuned experiment (some row has a tuning phase, {@code tune} or {@code rung-k}). */
    public static boolean isTuned(RunData data) {
        return data.trials().stream().anyMatch(row -> Selection.tuning(row.phase()));
    }

    /** The data the ordinary report shows: the final phase of a tuned run when it has one, else everything. */
    public static RunData shown(RunData data) {
        if (data.trials().stream().noneMatch(row -> row.phase().equals("final"))) {
            return data;
        }
        List<TrialRow> trials = data.trials().stream().filter(row -> row.phase().equals("final")).toList();
        List<CurveRow> curves = data.curves().stream().filter(row -> row.phase().equals("final")).toList();
        return new RunData(data.directory(), trials, curves, data.traces(), data.landscapes(), data.minima(), data.manifest());
    }

    /** The tuning block as the manifest records it (metric, mode, method, budget, ...), or defaults. */
    static Map<String, Object> block(RunData data) {
        Object experiment = data.manifest().get("experiment");
        if (experiment instanceof Map<?, ?> map) {
            Object tuning = map.get("tuning");
            if (tuning == null && map.get("parts") instanceof List<?> parts && !parts.isEmpty()
                    && parts.get(0) instanceof Map<?, ?> part) {
                tuning = part.get("tuning");
            }
            if (tuning instanceof Map<?, ?> block) {
                Map<String, Object> copy = new LinkedHashMap<>();
                block.forEach((key, value) -> copy.put(String.valueOf(key), value));
                return copy;
            }
        }
        return Map.of("metric", "val_loss", "mode", "final");
    }

    /** Writes the tuning figures into {@code figures} and returns the report section. */
    public static Section render(RunData data, Path figures, Set<FigureFormat> formats) {
        if (!isTuned(data)) {
            return new Section("", List.of());
        }
        Map<String, Object> block = block(data);
        String metric = String.valueOf(block.getOrDefault("metric", "val_loss"));
        String mode = String.valueOf(block.getOrDefault("mode", "final"));
        List<Selection.Choice> choices = Selection.select(data.trials(), metric, mode);
        Map<String, Map<String, double[]>> curves = tuningCurves(data.trials(), metric, mode);
        List<String> optimizers = new ArrayList<>(new LinkedHashSet<>(choices.stream().map(c -> c.problem().optimizer()).toList()));
        StringBuilder out = new StringBuilder();
        List<Figures.Figure> written = new ArrayList<>();
        out.append("\n## Tuning\n\n");
        out.append(String.format(Locale.ROOT, "Method `%s`, budget %s configurations per optimizer and problem, %s"
                + " seed(s) per configuration; selected on `%s` (mode `%s`) of the validation split, then rerun on %s"
                + " fresh seeds (the tables and figures above show only those final trials). Rule and tie-break:"
                + " docs/harness.md, \"Tuning\".%n%n", block.getOrDefault("method", "?"), block.getOrDefault("budget", "?"),
                block.getOrDefault("seeds", "?"), metric, mode, block.getOrDefault("final_seeds", "?")));
        out.append("| problem | optimizer | selected | validation score | configurations (trials) | runner-up (score) |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (Selection.Choice choice : choices) {
            out.append("| ").append(problemName(key(choice.problem()))).append(" | ").append(choice.problem().optimizer())
                    .append(" | `").append(choice.chosen().configuration()).append("` | ")
                    .append(number(choice.chosen().score())).append(" | ").append(choice.configurations()).append(" (")
                    .append(choice.trials()).append(") | ")
                    .append(choice.runnerUp() == null ? "-" : "`" + choice.runnerUp().configuration() + "` ("
                            + number(choice.runnerUp().score()) + ")")
                    .append(" |\n");
        }
        boolean halved = halved(data.trials());
        if (halved) {
            Object halving = block.get("halving");
            String settings = halving instanceof Map<?, ?> map ? "min_epochs " + map.get("min_epochs") + ", eta " + map.get("eta") : "?";
            out.append("\nSuccessive halving (").append(settings).append("): every configuration"
                    + " started at the lowest rung and the best 1/eta of each rung went on; trials of a lower rung have"
                    + " phase `rung-k` in trials.csv, and only the top rung's (phase `tune`) are chosen from. The"
                    + " budget spent counts every rung's trials.\n");
        }
        int index = 0;
        for (Map.Entry<String, Map<String, double[]>> problem : curves.entrySet()) {
            String name = "tuning-curve" + (curves.size() > 1 ? "-" + (++index) : "");
            XYChart chart = chart("Tuning curve: " + problemName(problem.getKey()),
                    halved ? "tuning trials spent (every rung)" : "configurations tried",
                    "best " + metric.replace('_', ' ') + " so far");
            problem.getValue().forEach((optimizer, values) -> addLine(chart, optimizer, values, color(optimizers, optimizer)));
            Figures.save(chart, figures, name, formats);
            Figures.Figure figure = new Figures.Figure(name, chart.getTitle() + (halved
                    ? ". Best mean validation score of the configurations that reached the top rung, against the tuning"
                    + " trials spent (lower rungs included, in trial order); successive halving leaves it empty until"
                    + " the top rung runs."
                    : ". Best mean validation score over the"
                    + " configurations tried so far, in the order they were drawn; a flat curve early means the optimizer"
                    + " is easy to tune."));
            written.add(figure);
            out.append("\n![").append(figure.caption()).append("](figures/").append(name).append('.')
                    .append(formats.iterator().next().extension()).append(")\n");
        }
        // A smaller budget is a prefix of the larger one only without halving, whose promotions depend on the budget.
        if (!halved) {
            out.append(leaders(curves, metric));
        }
        out.append(ranks(data.trials()));
        profile(data, figures, formats, optimizers).ifPresent(figure -> {
            written.add(figure);
            out.append("\n![").append(figure.caption()).append("](figures/").append(figure.name()).append('.')
                    .append(formats.iterator().next().extension()).append(")\n");
        });
        return new Section(out.toString(), written);
    }

    /** Whether the tuning trials were thinned by successive halving (some tuning row is below the top rung). */
    static boolean halved(List<TrialRow> rows) {
        return rows.stream().anyMatch(row -> row.phase().startsWith(Selection.RUNG));
    }

    /**
     * Per problem and optimizer, the best configuration score so far after 1, 2, ... configurations (in the order
     * of their first tuning trial); −∞/+∞ (diverged) entries stay until a finite one appears. Under successive
     * halving, where scores at different rungs are not comparable, entry i is after i + 1 tuning trials of any rung
     * (in trial order) and the best is over the top rung's configurations so far (the mean of their top-rung rows
     * so far), ±∞ until the first top-rung row.
     */
    public static Map<String, Map<String, double[]>> tuningCurves(List<TrialRow> rows, String metric, String mode) {
        boolean maximize = Selection.maximize(metric);
        if (halved(rows)) {
            return halvedCurves(rows, metric, mode);
        }
        Map<String, Map<String, Map<String, List<TrialRow>>>> grouped = new LinkedHashMap<>();
        rows.stream().filter(row -> row.phase().equals(Selection.TUNE)).sorted(Comparator.comparingInt(TrialRow::trial))
                .forEach(row -> grouped.computeIfAbsent(key(Selection.Problem.of(row.configuration())), k -> new LinkedHashMap<>())
                        .computeIfAbsent(Selection.family(row.configuration().optimizer()), k -> new LinkedHashMap<>())
                        .computeIfAbsent(row.configuration().optimizer(), k -> new ArrayList<>()).add(row));
        Map<String, Map<String, double[]>> curves = new LinkedHashMap<>();
        grouped.forEach((problem, families) -> {
            Map<String, double[]> lines = new LinkedHashMap<>();
            families.forEach((family, configurations) -> {
                double[] best = new double[configurations.size()];
                double sofar = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                int k = 0;
                for (List<TrialRow> seeds : configurations.values()) {
                    double sum = 0;
                    for (TrialRow row : seeds) {
                        sum += Selection.rowScore(row, metric, mode);
                    }
                    double score = sum / seeds.size();
                    sofar = maximize ? Math.max(sofar, score) : Math.min(sofar, score);
                    best[k++] = sofar;
                }
                lines.put(family, best);
            });
            curves.put(problem, lines);
        });
        return curves;
    }

    private static Map<String, Map<String, double[]>> halvedCurves(List<TrialRow> rows, String metric, String mode) {
        boolean maximize = Selection.maximize(metric);
        Map<String, Map<String, List<TrialRow>>> grouped = new LinkedHashMap<>();
        rows.stream().filter(row -> Selection.tuning(row.phase())).sorted(Comparator.comparingInt(TrialRow::trial))
                .forEach(row -> grouped.computeIfAbsent(key(Selection.Problem.of(row.configuration())), k -> new LinkedHashMap<>())
                        .computeIfAbsent(Selection.family(row.configuration().optimizer()), k -> new ArrayList<>()).add(row));
        Map<String, Map<String, double[]>> curves = new LinkedHashMap<>();
        grouped.forEach((problem, families) -> {
            Map<String, double[]> lines = new LinkedHashMap<>();
            families.forEach((family, familyRows) -> {
                double[] best = new double[familyRows.size()];
                Map<String, double[]> sums = new LinkedHashMap<>(); // top-rung configuration -> {sum, count}
                for (int i = 0; i < familyRows.size(); i++) {
                    TrialRow row = familyRows.get(i);
                    if (row.phase().equals(Selection.TUNE)) {
                        double[] sum = sums.computeIfAbsent(row.configuration().optimizer(), k -> new double[2]);
                        sum[0] += Selection.rowScore(row, metric, mode);
                        sum[1]++;
                    }
                    double sofar = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                    for (double[] sum : sums.values()) {
                        double score = sum[0] / sum[1];
                        sofar = maximize ? Math.max(sofar, score) : Math.min(sofar, score);
                    }
                    best[i] = sofar;
                }
                lines.put(family, best);
            });
            curves.put(problem, lines);
        });
        return curves;
    }

    /** Which optimizer leads each problem's tuning curve after 1, 2, 4, ... configurations: budget sensitivity. */
    static String leaders(Map<String, Map<String, double[]>> curves, String metric) {
        boolean maximize = Selection.maximize(metric);
        int budget = curves.values().stream().flatMap(lines -> lines.values().stream()).mapToInt(line -> line.length).max().orElse(0);
        if (budget < 2) {
            return "";
        }
        List<Integer> budgets = new ArrayList<>();
        for (int k = 1; k < budget; k *= 2) {
            budgets.add(k);
        }
        budgets.add(budget);
        StringBuilder out = new StringBuilder("\nLeader on validation after k configurations per optimizer (a smaller"
                + " budget is a prefix of the larger one):\n\n| problem |");
        budgets.forEach(k -> out.append(" k = ").append(k).append(" |"));
        out.append("\n|---|").append("---|".repeat(budgets.size())).append('\n');
        curves.forEach((problem, lines) -> {
            out.append("| ").append(problemName(problem)).append(" |");
            for (int k : budgets) {
                String leader = "-";
                double best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                for (Map.Entry<String, double[]> line : lines.entrySet()) {
                    double value = line.getValue()[Math.min(k, line.getValue().length) - 1];
                    if (maximize ? value > best : value < best) {
                        best = value;
                        leader = line.getKey();
                    }
                }
                out.append(' ').append(leader).append(" |");
            }
            out.append('\n');
        });
        return out.toString();
    }

    /**
     * Mean rank across problems of each optimizer's final-phase test metric (accuracy where the problem has one,
     * else loss; rank 1 best, ties share the mean rank), computed seed by seed (final repeat r of every optimizer
     * shares its seed) and then summarized over seeds: mean and min–max of the per-seed mean rank.
     */
    static String ranks(List<TrialRow> rows) {
        List<TrialRow> finals = rows.stream().filter(row -> row.phase().equals("final")).toList();
        Map<String, Map<Integer, Map<String, Double>>> byProblem = new LinkedHashMap<>();
        for (TrialRow row : finals) {
            boolean accuracy = !Double.isNaN(row.testAccuracy());
            double value = accuracy ? -row.testAccuracy() : row.testLoss();
            byProblem.computeIfAbsent(key(Selection.Problem.of(row.configuration())), k -> new LinkedHashMap<>())
                    .computeIfAbsent(row.repeat(), k -> new LinkedHashMap<>())
                    .put(Selection.family(row.configuration().optimizer()), Double.isNaN(value) ? Double.POSITIVE_INFINITY : value);
        }
        if (byProblem.size() < 2) {
            return "";
        }
        // Per seed: the mean over problems of each optimizer's rank.
        Map<Integer, Map<String, double[]>> perSeed = new TreeMap<>();
        byProblem.forEach((problem, seeds) -> seeds.forEach((repeat, values) -> {
            Map<String, Double> ranks = rank(values);
            ranks.forEach((optimizer, rank) -> {
                double[] sumCount = perSeed.computeIfAbsent(repeat, k -> new LinkedHashMap<>())
                        .computeIfAbsent(optimizer, k -> new double[2]);
                sumCount[0] += rank;
                sumCount[1]++;
            });
        }));
        Map<String, List<Double>> meanRanks = new LinkedHashMap<>();
        perSeed.values().forEach(optimizers -> optimizers.forEach((optimizer, sumCount) ->
                meanRanks.computeIfAbsent(optimizer, k -> new ArrayList<>()).add(sumCount[0] / sumCount[1])));
        StringBuilder out = new StringBuilder("\n### Across problems\n\nRank of each optimizer's final test "
                + "accuracy (test loss where there is no accuracy) among the optimizers on each of the " + byProblem.size()
                + " problems, seed by seed (1 = best; ties share the mean rank); mean over problems, then over the final"
                + " seeds, with the range of the per-seed means.\n\n| optimizer | mean rank | range over seeds |\n|---|---|---|\n");
        meanRanks.entrySet().stream()
                .sorted(Comparator.comparingDouble(entry -> entry.getValue().stream().mapToDouble(d -> d).average().orElse(0)))
                .forEach(entry -> {
                    double mean = entry.getValue().stream().mapToDouble(d -> d).average().orElse(Double.NaN);
                    double min = entry.getValue().stream().mapToDouble(d -> d).min().orElse(Double.NaN);
                    double max = entry.getValue().stream().mapToDouble(d -> d).max().orElse(Double.NaN);
                    out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f – %.2f |%n", entry.getKey(), mean, min, max));
                });
        return out.toString();
    }

    /** Ranks (1 = smallest value), ties sharing their mean rank. */
    static Map<String, Double> rank(Map<String, Double> values) {
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(values.entrySet());
        sorted.sort(Map.Entry.comparingByValue());
        Map<String, Double> ranks = new LinkedHashMap<>();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1).getValue().equals(sorted.get(i).getValue())) {
                j++;
            }
            double shared = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks.put(sorted.get(k).getKey(), shared);
            }
            i = j + 1;
        }
        return ranks;
    }

    /**
     * The performance profile over the final phase (Dolan and Moré 2002, as AlgoPerf scores submissions): with
     * t(p, o) the median over final seeds of the updates optimizer o needed to reach the target on problem p (∞ when
     * at most half its seeds reached it), ρ_o(τ) = |{p : t(p, o) ≤ τ · min_o' t(p, o')}| / |P|. Needs a target and
     * at least two problems.
     */
    public static Map<String, double[]> profile(List<TrialRow> rows, double[] taus) {
        Map<String, Map<String, List<Long>>> steps = new LinkedHashMap<>();
        rows.stream().filter(row -> row.phase().equals("final")).forEach(row ->
                steps.computeIfAbsent(key(Selection.Problem.of(row.configuration())), k -> new LinkedHashMap<>())
                        .computeIfAbsent(Selection.family(row.configuration().optimizer()), k -> new ArrayList<>())
                        .add(row.stepsToTarget() < 0 ? Long.MAX_VALUE : row.stepsToTarget()));
        Map<String, double[]> profile = new LinkedHashMap<>();
        for (Map<String, List<Long>> problem : steps.values()) {
            Map<String, Double> cost = new LinkedHashMap<>();
            problem.forEach((optimizer, values) -> {
                List<Long> sorted = values.stream().sorted().toList();
                // The median of an even count is the lower middle value: "at most half reached" gives ∞.
                long median = sorted.get((sorted.size() - 1) / 2);
                cost.put(optimizer, median == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : (double) median);
            });
            double best = cost.values().stream().mapToDouble(d -> d).min().orElse(Double.POSITIVE_INFINITY);
            cost.forEach((optimizer, value) -> {
                double[] rho = profile.computeIfAbsent(optimizer, k -> new double[taus.length]);
                for (int i = 0; i < taus.length; i++) {
                    if (Double.isFinite(value) && value <= taus[i] * best) {
                        rho[i] += 1.0 / steps.size();
                    }
                }
            });
        }
        return profile;
    }

    private static java.util.Optional<Figures.Figure> profile(RunData data, Path figures, Set<FigureFormat> formats,
            List<String> optimizers) {
        Set<String> problems = new LinkedHashSet<>();
        data.trials().stream().filter(row -> row.phase().equals("final"))
                .forEach(row -> problems.add(key(Selection.Problem.of(row.configuration()))));
        boolean reached = data.trials().stream().anyMatch(row -> row.phase().equals("final") && row.stepsToTarget() >= 0);
        if (problems.size() < 2 || !reached) {
            return java.util.Optional.empty();
        }
        // τ from 1 to 100, 600 points per decade: fine enough that the profile's steps draw as vertical lines.
        double[] taus = new double[1201];
        for (int i = 0; i < taus.length; i++) {
            taus[i] = Math.pow(10, i / 600.0);
        }
        XYChart chart = chart("Performance profile (updates to the target)", "τ (multiple of the fastest optimizer's updates)",
                "fraction of problems");
        chart.getStyler().setXAxisLogarithmic(true);
        // Fractions of a few problems (thirds with three): two decimals, not 0.6666666667.
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setYAxisDecimalPattern("0.##");
        profile(data.trials(), taus).forEach((optimizer, rho) -> {
            XYSeries series = chart.addSeries(optimizer, taus, rho);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(color(optimizers, optimizer));
            series.setLineStyle(new BasicStroke(2f));
        });
        Figures.save(chart, figures, "performance-profile", formats);
        return java.util.Optional.of(new Figures.Figure("performance-profile", chart.getTitle() + ": the fraction of the "
                + problems.size() + " problems on which each tuned optimizer reaches the target within τ times the updates of"
                + " the fastest one (median over final seeds; more than half the seeds must reach it)."));
    }

    private static XYChart chart(String title, String xAxis, String yAxis) {
        XYChart chart = new XYChartBuilder().width(Figures.DEFAULT_WIDTH).height(Figures.DEFAULT_HEIGHT).title(title)
                .xAxisTitle(xAxis).yAxisTitle(yAxis).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE).setChartBackgroundColor(Color.WHITE)
                .setPlotBackgroundColor(Color.WHITE);
        return chart;
    }

    private static void addLine(XYChart chart, String optimizer, double[] values, Color color) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int k = 0; k < values.length; k++) {
            if (Double.isFinite(values[k])) {
                xs.add(k + 1.0);
                ys.add(values[k]);
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries series = chart.addSeries(optimizer, xs, ys);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setMarkerColor(color);
        series.setLineColor(color);
        series.setLineStyle(new BasicStroke(2f));
    }

    private static Color color(List<String> optimizers, String optimizer) {
        int index = optimizers.indexOf(optimizer);
        return COLORS[Math.floorMod(index < 0 ? optimizer.hashCode() : index, COLORS.length)];
    }

    private static String key(Selection.Problem problem) {
        return String.join("|", problem.dataset(), problem.model(), problem.schedule(), problem.regularizers());
    }

    private static String problemName(String key) {
        String[] parts = key.split("\\|", -1);
        StringBuilder name = new StringBuilder(parts[0]);
        if (!parts[1].isEmpty() && !parts[1].equals("none")) {
            name.append(" / ").append(parts[1]);
        }
        if (!parts[2].startsWith("constant")) {
            name.append(" / ").append(parts[2]);
        }
        if (!parts[3].equals("[]")) {
            name.append(" / ").append(parts[3]);
        }
        return name.toString();
    }

    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4g", value) : "diverged";
    }
}
