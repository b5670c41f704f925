package org.optbench.reports.compare;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.optbench.reports.Configuration;
import org.optbench.reports.ReportException;
import org.optbench.reports.RunData;
import org.optbench.reports.RunFiles;
import org.optbench.reports.RunPlan;
import org.optbench.reports.TrialRow;
import org.optbench.reports.compare.ComparisonRow.Kind;
import org.optbench.reports.csv.RunReader;
import org.optbench.reports.figures.Labels;
import org.optbench.reports.stats.Descriptive;
import org.optbench.reports.stats.MeanDifference;
import org.optbench.reports.stats.Metric;
import org.optbench.reports.stats.Summaries;
import org.optbench.reports.stats.TimeRatio;

/**
 * {@code optbench compare BASELINE_DIR CANDIDATE_DIR}: the nightly regression verdict. Reads {@code trials.csv} and
 * {@code manifest.json} of both runs.
 *
 * <ol>
 *   <li>The runs must be comparable: the same experiment settings (epochs, steps, batch, data options, target...,
 *       from the manifests' resolved experiments) and the same data (the trials' data seeds); otherwise the input
 *       is refused (exit 2) naming the difference, unless allowed.</li>
 *   <li>Configurations are matched by their five component strings. One missing from the candidate, or a candidate
 *       with fewer trials than the baseline or than its own plan, is {@link Verdict#MISSING} (exit 1) unless
 *       {@code allowMissing}.</li>
 *   <li>Only usable trials ({@code ok}, {@code stopped-early}) enter the metrics; diverged, failed and timed-out
 *       trials are counted on their own row, which regresses when the count grows.</li>
 *   <li>Every final metric is reported with its difference and 95% interval; only the <b>primary</b> metric is
 *       tested: the metric of the experiment's target for the data set, else the final test accuracy, else the
 *       test loss, else the final training loss. Trials of the two runs with the same trial seed and repeat are
 *       paired (the nightly reruns the same seeds): the paired t-test on per-seed differences; with no shared seed,
 *       Welch's test. One-sided in the harmful direction; see {@link MeanDifference} for the degenerate cases.</li>
 *   <li>Time: {@link TimeRatio}, a test family of its own with its own verdict.</li>
 * </ol>
 *
 * <p>Two <b>tuned studies</b> ({@link TunedStudies}) are compared on their final trials only, keyed by optimizer
 * family and problem instead of the full configuration, with the same checks; what each run selected is reported
 * ({@link TunedSelection}). A tuned study and a plain run are refused (exit 2).
 *
 * <p>Holm's adjustment, separately over the primary-metric tests and over the time tests, keeps the chance of any
 * false alarm in each family at most alpha: {@code p̃_(i) = max_{j ≤ i} min(1, (m − j + 1) p_(j))} for the
 * ascending raw p-values {@code p_(1) ≤ … ≤ p_(m)}.
 */
public final class Comparison {
    private static final List<Metric> FINAL_METRICS = List.of(Metric.TEST_ACCURACY, Metric.VAL_ACCURACY,
            Metric.TEST_LOSS, Metric.VAL_LOSS, Metric.TRAIN_LOSS);

    private Comparison() {
    }

    /**
     * Compares, prints the table to {@code out}, writes it as markdown to {@code markdown} (null: the candidate's
     * {@code compare.md}) and returns the exit code of {@link ComparisonResult#exitCode()}.
     */
    public static int run(Path baselineDirectory, Path candidateDirectory, CompareOptions options, Path markdown,
            PrintStream out) {
        ComparisonResult result = compare(baselineDirectory, candidateDirectory, options);
        out.print(result.toText());
        Path file = markdown != null ? markdown : candidateDirectory.resolve("compare.md");
        if (markdown != null || Files.isDirectory(candidateDirectory)) {
            try {
                result.writeMarkdown(file);
                out.println("wrote " + file);
            } catch (ReportException e) {
                out.println("could not write " + file + ": " + e.getMessage());
            }
        }
        return result.exitCode();
    }

    /** Compares two run directories; unusable input gives a result with exit code 2, not an exception. */
    public static ComparisonResult compare(Path baselineDirectory, Path candidateDirectory, CompareOptions options) {
        Path baselineFolder = realPath(baselineDirectory);
        List<TrialRow> baseline;
        List<TrialRow> candidate;
        Map<String, Object> baseManifest;
        Map<String, Object> candidateManifest;
        try {
            baseline = readTrials(baselineDirectory, "baseline");
            candidate = readTrials(candidateDirectory, "candidate");
            baseManifest = RunData.readManifest(baselineDirectory);
            candidateManifest = RunData.readManifest(candidateDirectory);
        } catch (ReportException e) {
            return unusable(baselineDirectory, baselineFolder, candidateDirectory, options, List.of(), e.getMessage());
        }
        return compare(baselineDirectory, baselineFolder, baseline, baseManifest, candidateDirectory, candidate,
                candidateManifest, options);
    }

    /**
     * Compares trials and manifests already read; the paths name the runs, and a tuned study's tuning scores are
     * read from their {@code selection.csv} when it exists.
     */
    static ComparisonResult compare(Path baselineDirectory, Path baselineFolder, List<TrialRow> baseline,
            Map<String, Object> baseManifest, Path candidateDirectory, List<TrialRow> candidate,
            Map<String, Object> candidateManifest, CompareOptions options) {
        List<String> notes = new ArrayList<>();
        boolean tuned = TunedStudies.tuned(baseline);
        if (tuned != TunedStudies.tuned(candidate)) {
            return unusable(baselineDirectory, baselineFolder, candidateDirectory, options, notes,
                    TunedStudies.mixed(tuned));
        }
        RunPlan basePlan = RunPlan.of(baseManifest);
        RunPlan candidatePlan = RunPlan.of(candidateManifest);
        if (!basePlan.known() || !candidatePlan.known()) {
            notes.add("no resolved experiment in the " + (basePlan.known() ? "candidate's" : "baseline's") + " "
                    + RunFiles.MANIFEST + ": settings and planned trial counts are not checked");
        }
        notes.add(completeness("baseline", basePlan, baseline.size()) + "; "
                + completeness("candidate", candidatePlan, candidate.size()));
        List<String> settings = tuned ? TunedStudies.settingsDifferences(basePlan, candidatePlan)
                : basePlan.differences(candidatePlan);
        if (!settings.isEmpty()) {
            String text = "the runs differ in their settings (" + String.join("; ", settings) + ")";
            if (!options.allowDifferentSettings()) {
                return unusable(baselineDirectory, baselineFolder, candidateDirectory, options, notes, text
                        + "; compare runs of the same experiment, or pass --allow-different-settings");
            }
            notes.add(text + ": compared anyway (--allow-different-settings)");
        }

        Map<Configuration, List<TrialRow>> baseGroups;
        Map<Configuration, List<TrialRow>> candidateGroups;
        if (tuned) {
            // Only the final trials, keyed by optimizer family and problem: the tuning trials are other
            // configurations by design, and the selected one may move between runs.
            notes.add("tuned studies: only the final trials are compared, matched by optimizer and problem;"
                    + " the tuning trials are not compared");
            try {
                baseGroups = TunedStudies.finalGroups(baseline, "baseline");
                candidateGroups = TunedStudies.finalGroups(candidate, "candidate");
            } catch (ReportException e) {
                return unusable(baselineDirectory, baselineFolder, candidateDirectory, options, notes, e.getMessage());
            }
            String empty = baseGroups.isEmpty() ? "baseline" : candidateGroups.isEmpty() ? "candidate" : null;
            if (empty != null) {
                return unusable(baselineDirectory, baselineFolder, candidateDirectory, options, notes, "the " + empty
                        + " has no final trials (its tuning phase did not finish, or its tuning block has final:"
                        + " {seeds: 0}), and only final trials are compared; finish it with 'optbench run FILE --out"
                        + " DIR --resume'");
            }
        } else {
            baseGroups = Summaries.group(baseline);
            candidateGroups = Summaries.group(candidate);
        }
        Set<Configuration> matched = new LinkedHashSet<>(baseGroups.keySet());
        matched.retainAll(candidateGroups.keySet());
        for (Configuration configuration : candidateGroups.keySet()) {
            if (!baseGroups.containsKey(configuration)) {
                notes.add("only in the candidate, not compared: " + describe(configuration));
            }
        }
        if (matched.isEmpty()) {
            return unusable(baselineDirectory, baselineFolder, candidateDirectory, options, notes, tuned
                    ? "no optimizer has final trials on the same problem in both runs; compare tuned studies of the"
                            + " same experiment file"
                    : "no configuration is in both runs; compare runs of the same experiment file");
        }
        List<String> dataDifferences = new ArrayList<>();
        for (Configuration configuration : matched) {
            Set<Long> a = dataSeeds(baseGroups.get(configuration));
            Set<Long> b = dataSeeds(candidateGroups.get(configuration));
            if (!a.equals(b)) {
                dataDifferences.add(describe(configuration) + ": data seeds " + a + " → " + b);
            }
        }
        if (!dataDifferences.isEmpty()) {
            String text = "the runs drew different data (" + dataDifferences.get(0)
                    + (dataDifferences.size() > 1 ? ", and " + (dataDifferences.size() - 1) + " more" : "") + ")";
            if (!options.allowDifferentData()) {
                return unusable(baselineDirectory, baselineFolder, candidateDirectory, options, notes, text
                        + "; between-run data differences are not seed noise, so keep seed and data_seed equal,"
                        + " or pass --allow-different-data");
            }
            notes.add(text + ": compared anyway (--allow-different-data), the tests then underrate the noise");
        }

        Map<Configuration, String> labels = Labels.of(new ArrayList<>(baseGroups.keySet()));
        RunData baseData = new RunData(baselineDirectory, baseline, List.of(), Map.of(), Map.of(), Map.of(),
                baseManifest);
        List<ComparisonRow> rows = new ArrayList<>();
        for (Configuration configuration : baseGroups.keySet()) {
            if (!matched.contains(configuration)) {
                rows.add(missingConfiguration(configuration, labels.get(configuration),
                        baseGroups.get(configuration).size(), tuned, options));
            }
        }
        // The smallest detectable effect is stated at Holm's strictest level, alpha over the number of tests.
        double detectableAlpha = options.alpha() / matched.size();
        for (Configuration configuration : matched) {
            List<TrialRow> base = baseGroups.get(configuration);
            List<TrialRow> next = candidateGroups.get(configuration);
            String label = labels.get(configuration);
            ComparisonRow gap = tuned
                    ? trialCountRow(configuration, label, base.size(), next.size(),
                            TunedStudies.plannedFinal(candidatePlan, configuration),
                            TunedStudies.plannedFinal(basePlan, configuration), "final trials", options)
                    : trialCountRow(configuration, label, base.size(), next.size(),
                            candidatePlan.planned(configuration), basePlan.planned(configuration), "trials", options);
            if (gap != null) {
                rows.add(gap);
            }
            Metric primary = primaryMetric(configuration, base, baseData);
            for (Metric metric : FINAL_METRICS) {
                ComparisonRow row = metricRow(configuration, label, metric, metric == primary, base, next, options,
                        detectableAlpha);
                if (row != null) {
                    rows.add(row);
                }
            }
            ComparisonRow time = timeRow(configuration, label, base, next, options);
            if (time != null) {
                rows.add(time);
            }
            ComparisonRow failures = failureRow(configuration, label, base, next);
            if (failures != null) {
                rows.add(failures);
            }
        }
        rows = holm(rows, Kind.METRIC, options, Verdict.REGRESSION);
        rows = holm(rows, Kind.TIME, options, Verdict.TIME_REGRESSION);
        rows = timeVerdicts(rows, options);
        if (rows.stream().anyMatch(row -> row.kind() == Kind.METRIC && row.verdict() == Verdict.INCONCLUSIVE)) {
            notes.add("fewer than " + MeanDifference.MINIMUM_SEEDS + " seeds (or shared seeds) on a side: not"
                    + " significant by construction, so those rows are inconclusive; run 5 or more seeds");
        }
        List<TunedSelection> selections = new ArrayList<>();
        if (tuned) {
            Map<Configuration, TunedStudies.Selected> a = selected(baselineDirectory,
                    baseGroups, "baseline", notes);
            Map<Configuration, TunedStudies.Selected> b = selected(candidateDirectory,
                    candidateGroups, "candidate", notes);
            for (Configuration family : matched) {
                TunedStudies.Selected x = a.get(family);
                TunedStudies.Selected y = b.get(family);
                selections.add(new TunedSelection(family, labels.get(family), x.configuration(), y.configuration(),
                        x.metric().isEmpty() ? y.metric() : x.metric(), x.score(), y.score()));
            }
        }
        return new ComparisonResult(baselineDirectory, baselineFolder, candidateDirectory, options, rows, notes,
                null, selections);
    }

    /** A tuned run's selections; an unreadable {@code selection.csv} loses only the scores, with a note. */
    private static Map<Configuration, TunedStudies.Selected> selected(Path directory,
            Map<Configuration, List<TrialRow>> groups, String role, List<String> notes) {
        try {
            return TunedStudies.selections(directory, groups);
        } catch (ReportException e) {
            notes.add("the " + role + "'s tuning scores are not shown: " + e.getMessage());
            return TunedStudies.selections(null, groups);
        }
    }

    /**
     * The metric a configuration is judged on: the metric of the experiment's target for its data set, else the
     * final test accuracy, else the test loss, else the final training loss (whichever the trials have).
     */
    public static Metric primaryMetric(Configuration configuration, List<TrialRow> trials, RunData run) {
        String target = run.targetFor(configuration.dataset());
        if (target != null) {
            String name = target.trim().split("[\\s<>=]+", 2)[0];
            for (Metric metric : FINAL_METRICS) {
                if (metric.column().equals(name)) {
                    return metric;
                }
            }
        }
        for (Metric metric : List.of(Metric.TEST_ACCURACY, Metric.TEST_LOSS, Metric.TRAIN_LOSS)) {
            if (trials.stream().anyMatch(trial -> Double.isFinite(metric.of(trial)))) {
                return metric;
            }
        }
        return Metric.TRAIN_LOSS;
    }

    private static ComparisonRow metricRow(Configuration configuration, String label, Metric metric,
            boolean primary, List<TrialRow> base, List<TrialRow> next, CompareOptions options,
            double detectableAlpha) {
        List<TrialRow> a = usable(base, metric);
        List<TrialRow> b = usable(next, metric);
        String name = metric.column() + (primary ? " (primary)" : "");
        if (a.isEmpty() && b.isEmpty()) {
            return null; // the metric does not apply (e.g. accuracy of an analytic function)
        }
        double meanA = mean(a, metric);
        double meanB = mean(b, metric);
        if (a.isEmpty() || b.isEmpty()) {
            return new ComparisonRow(configuration, label, Kind.METRIC, name, a.size(), b.size(), meanA, meanB,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", Double.NaN, Verdict.NOT_TESTED,
                    "no usable value in the " + (a.isEmpty() ? "baseline" : "candidate"));
        }
        MeanDifference difference = difference(a, b, metric, detectableAlpha);
        // Positive "worse" means the candidate is worse by that much.
        double worse = metric.higherIsBetter() ? -difference.difference() : difference.difference();
        double minimum = metric.isAccuracy() ? options.minAccuracyDrop()
                : options.minLossIncrease() * Math.abs(meanA);
        boolean worseEnough = worse > 0 && worse >= minimum;
        boolean betterEnough = worse < 0 && -worse >= minimum;
        String test = difference.degenerate() == MeanDifference.Degenerate.NONE ? difference.design().text() : "";
        String note = difference.n() < Math.min(a.size(), b.size())
                ? "paired on " + difference.n() + " shared seeds" : "";
        Verdict verdict;
        double p = Double.NaN;
        if (!primary) {
            verdict = Verdict.REPORTED;
            test = "";
        } else if (difference.degenerate() == MeanDifference.Degenerate.TOO_FEW_SEEDS) {
            verdict = Verdict.INCONCLUSIVE;
            note = join(note, (difference.design() == MeanDifference.Design.PAIRED ? difference.n() + " shared seeds"
                    : "n=" + a.size() + "/" + b.size()) + ": too few seeds for a test");
        } else if (difference.degenerate() == MeanDifference.Degenerate.NO_SPREAD) {
            verdict = worseEnough ? Verdict.REGRESSION : betterEnough ? Verdict.IMPROVED : Verdict.OK;
            note = join(note, difference.difference() == 0 ? "identical on every seed"
                    : "no spread between seeds: judged by the minimum effect alone");
        } else {
            p = difference.pValue();
            verdict = worseEnough ? Verdict.REGRESSION : Verdict.OK; // the test decides, after Holm
            if (betterEnough && difference.ciHigh() * difference.ciLow() > 0) {
                verdict = Verdict.IMPROVED; // the 95% interval excludes 0 and the gain is at least the minimum
            }
        }
        return new ComparisonRow(configuration, label, Kind.METRIC, name, a.size(), b.size(), meanA, meanB,
                difference.difference(), difference.ciLow(), difference.ciHigh(), difference.minimumDetectable(),
                test, p, verdict, note);
    }

    /** Paired over the (seed, repeat) keys both runs have, unpaired when they share none. */
    private static MeanDifference difference(List<TrialRow> a, List<TrialRow> b, Metric metric, double alpha) {
        Map<String, TrialRow> byKey = new LinkedHashMap<>();
        a.forEach(row -> byKey.put(key(row), row));
        List<double[]> pairs = new ArrayList<>();
        for (TrialRow row : b) {
            TrialRow partner = byKey.get(key(row));
            if (partner != null) {
                pairs.add(new double[] {metric.of(partner), metric.of(row)});
            }
        }
        if (!pairs.isEmpty()) {
            return MeanDifference.paired(pairs.stream().mapToDouble(pair -> pair[0]).toArray(),
                    pairs.stream().mapToDouble(pair -> pair[1]).toArray(), metric.higherIsBetter(), alpha);
        }
        return MeanDifference.unpaired(values(a, metric), values(b, metric), metric.higherIsBetter(), alpha);
    }

    private static String key(TrialRow row) {
        return row.seed() + "/" + row.repeat();
    }

    /**
     * Replaces raw p-values of one kind by Holm-adjusted ones; a row with a harmful effect beyond the minimum
     * stays {@code harmful} only when its adjusted p is below alpha.
     */
    private static List<ComparisonRow> holm(List<ComparisonRow> rows, Kind kind, CompareOptions options,
            Verdict harmful) {
        List<Integer> tested = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).kind() == kind && !Double.isNaN(rows.get(i).pValue())) {
                tested.add(i);
            }
        }
        tested.sort((x, y) -> Double.compare(rows.get(x).pValue(), rows.get(y).pValue()));
        List<ComparisonRow> adjusted = new ArrayList<>(rows);
        int m = tested.size();
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            ComparisonRow row = rows.get(tested.get(rank));
            running = Math.max(running, Math.min(1, (m - rank) * row.pValue()));
            Verdict verdict = row.verdict();
            String note = row.note();
            if (verdict == harmful && running >= options.alpha()) {
                verdict = Verdict.OK;
                note = join(note, "worse beyond the minimum effect, but not significant");
            }
            adjusted.set(tested.get(rank), row.with(running, verdict, note));
        }
        return adjusted;
    }

    private static ComparisonRow timeRow(Configuration configuration, String label, List<TrialRow> base,
            List<TrialRow> next, CompareOptions options) {
        double[] a = values(usable(base, Metric.S_PER_EPOCH), Metric.S_PER_EPOCH);
        double[] b = values(usable(next, Metric.S_PER_EPOCH), Metric.S_PER_EPOCH);
        if (a.length == 0 || b.length == 0) {
            return null; // analytic functions have no epochs
        }
        TimeRatio time = TimeRatio.of(a, b);
        boolean slower = time.ratio() >= options.minTimeRatio();
        String note = "";
        Verdict verdict = slower ? Verdict.TIME_REGRESSION : Verdict.OK;
        if (slower && !(time.smallestPossibleP() < options.alpha())) {
            verdict = Verdict.INCONCLUSIVE;
            note = "slower, but " + time.baselineN() + " against " + time.candidateN() + " trials cannot show it"
                    + " (smallest possible p " + String.format(Locale.ROOT, "%.3g", time.smallestPossibleP()) + ")";
        }
        return new ComparisonRow(configuration, label, Kind.TIME, "s_per_epoch (median)", time.baselineN(),
                time.candidateN(), time.baselineMedian(), time.candidateMedian(), time.ratio(), Double.NaN,
                Double.NaN, Double.NaN, "Mann–Whitney", verdict == Verdict.INCONCLUSIVE ? Double.NaN : time.pValue(),
                verdict, note);
    }

    /** Time regressions as warnings when asked; the row keeps its verdict so the table says what happened. */
    private static List<ComparisonRow> timeVerdicts(List<ComparisonRow> rows, CompareOptions options) {
        if (options.time() == TimeMode.FAIL) {
            return rows;
        }
        return rows.stream().map(row -> row.verdict() == Verdict.TIME_REGRESSION
                ? row.with(row.pValue(), row.verdict(), join(row.note(), "warning only (--time warn)")) : row)
                .toList();
    }

    private static ComparisonRow failureRow(Configuration configuration, String label, List<TrialRow> base,
            List<TrialRow> next) {
        int a = failures(base);
        int b = failures(next);
        if (a == 0 && b == 0) {
            return null;
        }
        Verdict verdict = b > a ? Verdict.REGRESSION : b < a ? Verdict.IMPROVED : Verdict.OK;
        return new ComparisonRow(configuration, label, Kind.TRIALS, "failed/diverged trials", base.size(),
                next.size(), a, b, b - a, Double.NaN, Double.NaN, Double.NaN, "", Double.NaN, verdict,
                "not in the metrics' means");
    }

    /** A gap in the candidate's trials, or null when it has all the baseline's and all it planned. */
    private static ComparisonRow trialCountRow(Configuration configuration, String label, int baselineTrials,
            int candidateTrials, int candidatePlanned, int baselinePlanned, String unit, CompareOptions options) {
        List<String> gaps = new ArrayList<>();
        if (candidateTrials < baselineTrials) {
            gaps.add("the candidate has " + candidateTrials + " of the baseline's " + baselineTrials + " " + unit);
        }
        if (candidatePlanned > candidateTrials) {
            gaps.add("the candidate has " + candidateTrials + " of its " + candidatePlanned + " planned " + unit);
        }
        String baselineGap = baselinePlanned > baselineTrials
                ? "the baseline has " + baselineTrials + " of its " + baselinePlanned + " planned " + unit : "";
        if (gaps.isEmpty() && baselineGap.isEmpty()) {
            return null;
        }
        Verdict verdict = gaps.isEmpty() ? Verdict.OK : options.allowMissing() ? Verdict.NOT_TESTED : Verdict.MISSING;
        String note = String.join("; ", gaps);
        note = join(note, baselineGap);
        if (verdict == Verdict.NOT_TESTED) {
            note = join(note, "allowed by --allow-missing");
        }
        return new ComparisonRow(configuration, label, Kind.TRIALS, unit, baselineTrials, candidateTrials,
                baselineTrials, candidateTrials, candidateTrials - baselineTrials, Double.NaN, Double.NaN,
                Double.NaN, "", Double.NaN, verdict, note);
    }

    /** {@code baseline complete: 15 of 15 planned trials}, or incomplete, or the count alone without a plan. */
    private static String completeness(String role, RunPlan plan, int present) {
        if (plan.totalPlanned() < 0) {
            return role + ": " + present + " trials (no plan in its " + RunFiles.MANIFEST + ")";
        }
        return role + (present >= plan.totalPlanned() ? " complete: " : " INCOMPLETE: ") + present + " of "
                + plan.totalPlanned() + " planned trials";
    }

    private static ComparisonRow missingConfiguration(Configuration configuration, String label, int trials,
            boolean tuned, CompareOptions options) {
        Verdict verdict = options.allowMissing() ? Verdict.NOT_TESTED : Verdict.MISSING;
        return new ComparisonRow(configuration, label, Kind.TRIALS, tuned ? "final trials" : "trials", trials, 0,
                trials, 0, -trials, Double.NaN, Double.NaN, Double.NaN, "", Double.NaN, verdict, (tuned
                        ? "optimizer without final trials on this problem in the candidate"
                        : "configuration missing from the candidate")
                        + (options.allowMissing() ? "; allowed by --allow-missing" : ""));
    }

    private static int failures(List<TrialRow> rows) {
        return (int) rows.stream().filter(row -> !row.status().usable()).count();
    }

    private static List<TrialRow> usable(List<TrialRow> rows, Metric metric) {
        return rows.stream().filter(row -> row.status().usable()).filter(row -> Double.isFinite(metric.of(row))).toList();
    }

    private static double[] values(List<TrialRow> rows, Metric metric) {
        return rows.stream().mapToDouble(metric::of).toArray();
    }

    private static double mean(List<TrialRow> rows, Metric metric) {
        return Descriptive.mean(values(rows, metric));
    }

    private static Set<Long> dataSeeds(List<TrialRow> rows) {
        Set<Long> seeds = new TreeSet<>();
        rows.forEach(row -> seeds.add(row.dataSeed()));
        return seeds;
    }

    private static List<TrialRow> readTrials(Path directory, String role) {
        if (!Files.isDirectory(directory)) {
            throw new ReportException(role + " " + directory + ": not a directory; give a run directory written by"
                    + " 'optbench run --out DIR'");
        }
        Path file = directory.resolve(RunFiles.TRIALS);
        if (!Files.isRegularFile(file)) {
            throw new ReportException(role + " " + directory + ": no " + RunFiles.TRIALS + " (did the run finish?)");
        }
        List<TrialRow> rows = RunReader.readTrials(file);
        if (rows.isEmpty()) {
            throw new ReportException(role + " " + file + ": no trials");
        }
        return rows;
    }

    private static Path realPath(Path directory) {
        try {
            return directory.toRealPath();
        } catch (IOException | SecurityException e) {
            return directory.toAbsolutePath().normalize();
        }
    }

    private static ComparisonResult unusable(Path baseline, Path baselineFolder, Path candidate,
            CompareOptions options, List<String> notes, String problem) {
        return new ComparisonResult(baseline, baselineFolder, candidate, options, List.of(), notes, problem,
                List.of());
    }

    private static String join(String first, String second) {
        return first.isEmpty() ? second : second.isEmpty() ? first : first + "; " + second;
    }

    private static String describe(Configuration c) {
        return c.optimizer() + " / " + c.schedule() + " / " + c.regularizers() + " / " + c.dataset()
                + (c.model().isBlank() ? "" : " / " + c.model());
    }
}
