package org.optbench.reports.compare;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.optbench.reports.Configuration;
import org.optbench.reports.ReportException;
import org.optbench.reports.RunFiles;
import org.optbench.reports.TrialRow;
import org.optbench.reports.TrialStatus;
import org.optbench.reports.csv.RunReader;
import org.optbench.reports.figures.Labels;
import org.optbench.reports.stats.Descriptive;
import org.optbench.reports.stats.Metric;
import org.optbench.reports.stats.Summaries;
import org.optbench.reports.stats.WelchTest;

/**
 * {@code optbench compare BASELINE_DIR CANDIDATE_DIR}: the nightly regression verdict. Configurations are matched
 * by their five component strings; for each matched one, every final metric present in both runs
 * ({@code test_accuracy, val_accuracy, test_loss, val_loss, train_loss}) is tested with Welch's two-sided t-test
 * and the minimum effect of {@link CompareOptions}, the median seconds per epoch against the time ratio, and the
 * count of failed, diverged or timed-out trials must not grow. Reads {@code trials.csv} of both runs only.
 *
 * <p>A comparison makes many tests (configurations × metrics); at alpha = 0.05 each, seed noise alone would fail
 * a nightly build often. The p-values are therefore Holm-adjusted over all the tests of one comparison, which
 * keeps the chance of any false alarm at most alpha: {@code p̃_(i) = max_{j ≤ i} min(1, (m − j + 1) p_(j))} for
 * the ascending raw p-values {@code p_(1) ≤ … ≤ p_(m)}.
 */
public final class Comparison {
    private static final List<Metric> FINAL_METRICS = List.of(Metric.TEST_ACCURACY, Metric.VAL_ACCURACY,
            Metric.TEST_LOSS, Metric.VAL_LOSS, Metric.TRAIN_LOSS);

    private Comparison() {
    }

    /**
     * Compares, prints the table to {@code out}, writes it as markdown to {@code markdown} (null: the candidate's
     * {@code compare.md}) and returns the exit code: 0 no regression, 1 regression, 2 unusable input.
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
        List<TrialRow> baseline;
        List<TrialRow> candidate;
        try {
            baseline = readTrials(baselineDirectory, "baseline");
            candidate = readTrials(candidateDirectory, "candidate");
        } catch (ReportException e) {
            return new ComparisonResult(baselineDirectory, candidateDirectory, options, List.of(), List.of(),
                    e.getMessage());
        }
        Map<Configuration, List<TrialRow>> baseGroups = Summaries.group(baseline);
        Map<Configuration, List<TrialRow>> candidateGroups = Summaries.group(candidate);
        Set<Configuration> matched = new LinkedHashSet<>(baseGroups.keySet());
        matched.retainAll(candidateGroups.keySet());
        List<String> notes = new ArrayList<>();
        for (Configuration configuration : baseGroups.keySet()) {
            if (!candidateGroups.containsKey(configuration)) {
                notes.add("only in the baseline, not compared: " + describe(configuration));
            }
        }
        for (Configuration configuration : candidateGroups.keySet()) {
            if (!baseGroups.containsKey(configuration)) {
                notes.add("only in the candidate, not compared: " + describe(configuration));
            }
        }
        if (matched.isEmpty()) {
            return new ComparisonResult(baselineDirectory, candidateDirectory, options, List.of(), notes,
                    "no configuration is in both runs; compare runs of the same experiment file");
        }
        Map<Configuration, String> labels = Labels.of(new ArrayList<>(matched));
        List<ComparisonRow> rows = new ArrayList<>();
        boolean effectOnly = false;
        for (Configuration configuration : matched) {
            List<TrialRow> base = baseGroups.get(configuration);
            List<TrialRow> next = candidateGroups.get(configuration);
            String label = labels.get(configuration);
            for (Metric metric : FINAL_METRICS) {
                double[] a = values(base, metric);
                double[] b = values(next, metric);
                if (a.length == 0 && b.length == 0) {
                    continue; // the metric does not apply (e.g. accuracy of an analytic function)
                }
                ComparisonRow row = metricRow(configuration, label, metric, a, b, options);
                effectOnly |= row.note().startsWith("n=1");
                rows.add(row);
            }
            rows.add(timeRow(configuration, label, base, next, options));
            rows.add(failureRow(configuration, label, base, next));
        }
        rows.removeIf(row -> row == null);
        rows = holm(rows, options);
        if (effectOnly) {
            notes.add("a side with a single seed has no variance: those rows use the minimum-effect rule alone,"
                    + " without a significance test; use 2 or more seeds for a test");
        }
        return new ComparisonResult(baselineDirectory, candidateDirectory, options, rows, notes, null);
    }

    private static ComparisonRow metricRow(Configuration configuration, String label, Metric metric, double[] a,
            double[] b, CompareOptions options) {
        String name = metric.column();
        if (a.length == 0 || b.length == 0) {
            return new ComparisonRow(configuration, label, name, a.length, b.length, Descriptive.mean(a),
                    Descriptive.mean(b), Double.NaN, Double.NaN, Verdict.NOT_TESTED,
                    "no finite value in the " + (a.length == 0 ? "baseline" : "candidate"));
        }
        double meanA = Descriptive.mean(a);
        double meanB = Descriptive.mean(b);
        double difference = meanB - meanA;
        // Positive "worse" means the candidate is worse by that much.
        double worse = metric.higherIsBetter() ? -difference : difference;
        double minimum = metric.isAccuracy() ? options.minAccuracyDrop()
                : options.minLossIncrease() * Math.abs(meanA);
        boolean worseEnough = worse > 0 && worse >= minimum;
        boolean betterEnough = worse < 0 && -worse >= minimum;
        double p = Double.NaN;
        String note = "";
        boolean significant;
        if (a.length >= 2 && b.length >= 2) {
            p = WelchTest.of(a, b).pValue();
            significant = p < options.alpha();
        } else {
            significant = true;
            note = "n=1: effect-size rule only";
        }
        Verdict verdict = worseEnough && significant ? Verdict.REGRESSION
                : betterEnough && significant ? Verdict.IMPROVED : Verdict.OK;
        if (verdict == Verdict.OK && note.isEmpty()) {
            if (worse > 0 && !worseEnough && significant) {
                note = "worse, but below the minimum effect";
            } else if (worseEnough && !significant) {
                note = "worse, but not significant";
            }
        }
        return new ComparisonRow(configuration, label, name, a.length, b.length, meanA, meanB, difference, p,
                verdict, note);
    }

    /** Replaces raw p-values by Holm-adjusted ones and recomputes those rows' verdicts. */
    private static List<ComparisonRow> holm(List<ComparisonRow> rows, CompareOptions options) {
        List<Integer> tested = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!Double.isNaN(rows.get(i).pValue())) {
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
            boolean significant = running < options.alpha();
            Verdict verdict = row.verdict();
            String note = row.note();
            if (!significant && (verdict == Verdict.REGRESSION || verdict == Verdict.IMPROVED)) {
                note = verdict == Verdict.REGRESSION ? "worse, but not significant" : "";
                verdict = Verdict.OK;
            }
            adjusted.set(tested.get(rank), new ComparisonRow(row.configuration(), row.label(), row.metric(),
                    row.baselineN(), row.candidateN(), row.baseline(), row.candidate(), row.difference(), running,
                    verdict, note));
        }
        return adjusted;
    }

    private static ComparisonRow timeRow(Configuration configuration, String label, List<TrialRow> base,
            List<TrialRow> next, CompareOptions options) {
        double[] a = values(base, Metric.S_PER_EPOCH);
        double[] b = values(next, Metric.S_PER_EPOCH);
        if (a.length == 0 || b.length == 0) {
            return null; // analytic functions have no epochs
        }
        double medianA = Descriptive.median(a);
        double medianB = Descriptive.median(b);
        double ratio = medianB / medianA;
        Verdict verdict = ratio > options.maxTimeRatio() ? Verdict.REGRESSION
                : ratio < 1 / options.maxTimeRatio() ? Verdict.IMPROVED : Verdict.OK;
        return new ComparisonRow(configuration, label, "s_per_epoch (median)", a.length, b.length, medianA, medianB,
                ratio, Double.NaN, verdict, verdict == Verdict.REGRESSION ? "slower than ×"
                        + options.maxTimeRatio() : "");
    }

    private static ComparisonRow failureRow(Configuration configuration, String label, List<TrialRow> base,
            List<TrialRow> next) {
        int a = failures(base);
        int b = failures(next);
        if (a == 0 && b == 0) {
            return null;
        }
        Verdict verdict = b > a ? Verdict.REGRESSION : b < a ? Verdict.IMPROVED : Verdict.OK;
        return new ComparisonRow(configuration, label, "failed/diverged trials", base.size(), next.size(), a, b,
                b - a, Double.NaN, verdict, "");
    }

    private static int failures(List<TrialRow> rows) {
        return (int) rows.stream().filter(row -> row.status() == TrialStatus.FAILED
                || row.status() == TrialStatus.DIVERGED || row.status() == TrialStatus.TIME_BUDGET).count();
    }

    private static double[] values(List<TrialRow> rows, Metric metric) {
        return rows.stream().mapToDouble(metric::of).filter(Double::isFinite).toArray();
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

    private static String describe(Configuration c) {
        return c.optimizer() + " / " + c.schedule() + " / " + c.regularizers() + " / " + c.dataset()
                + (c.model().isBlank() ? "" : " / " + c.model());
    }
}
