package org.optbench.reports.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.optbench.reports.csv.Cells;

/**
 * The verdict of {@link Comparison#compare}: the table, notes, and the exit code of {@code optbench compare}.
 *
 * @param baseline the baseline directory as given (e.g. the {@code baseline} symlink)
 * @param baselineFolder the folder it resolves to, symlinks followed
 * @param problem why the input is unusable (exit code 2), or null
 * @param selections for two tuned studies, what each selected per optimizer and problem (changed or not); empty
 *     for plain runs. A changed selection is said, never a failure by itself.
 */
public record ComparisonResult(Path baseline, Path baselineFolder, Path candidate, CompareOptions options,
        List<ComparisonRow> rows, List<String> notes, String problem, List<TunedSelection> selections) {

    /** Exit code when only time regressed and {@link TimeMode#FAIL} is chosen. */
    public static final int TIME_REGRESSION_EXIT = 4;

    public ComparisonResult {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
        selections = List.copyOf(selections);
    }

    /** The tuned families whose selected configuration changed between the runs. */
    public List<TunedSelection> changedSelections() {
        return selections.stream().filter(TunedSelection::changed).toList();
    }

    /**
     * 2 when the input is unusable; 1 when a primary metric regressed, trials failed more often, or trials or
     * configurations are missing; else 3 when time regressed (with {@link TimeMode#FAIL}); else 0.
     */
    public int exitCode() {
        if (problem != null) {
            return 2;
        }
        if (rows.stream().anyMatch(row -> row.verdict() == Verdict.REGRESSION || row.verdict() == Verdict.MISSING)) {
            return 1;
        }
        return options.time() == TimeMode.FAIL && !timeRegressions().isEmpty() ? TIME_REGRESSION_EXIT : 0;
    }

    /** The rows that fail: regressions, missing trials or configurations, time regressions (even as warnings). */
    public List<ComparisonRow> failures() {
        return rows.stream().filter(ComparisonRow::failed).toList();
    }

    /** Metric and trial regressions and missing trials (exit 1). */
    public List<ComparisonRow> regressions() {
        return rows.stream().filter(row -> row.verdict() == Verdict.REGRESSION || row.verdict() == Verdict.MISSING)
                .toList();
    }

    public List<ComparisonRow> timeRegressions() {
        return rows.stream().filter(row -> row.verdict() == Verdict.TIME_REGRESSION).toList();
    }

    /** The verdict in one word, as the nightly history records it. */
    public String verdict() {
        return switch (exitCode()) {
            case 0 -> timeRegressions().isEmpty() ? "pass" : "pass-with-time-warning";
            case 1 -> "regression";
            case TIME_REGRESSION_EXIT -> "time-regression";
            default -> "unusable-input";
        };
    }

    /**
     * One line: {@code no regression (18 checks)}, {@code REGRESSION in 2 of 18 checks; ...}, or the problem; for
     * tuned studies whose selection moved, {@code ...; selection changed for adam}.
     */
    public String summaryLine() {
        String time = timeRegressions().isEmpty() ? "" : "time regression in " + timeRegressions().size()
                + " of " + rows.size() + " checks" + (options.time() == TimeMode.WARN ? " (warning only)" : "");
        String line = switch (exitCode()) {
            case 0 -> "no regression (" + rows.size() + " checks)" + (time.isEmpty() ? "" : "; " + time);
            case 1 -> "REGRESSION in " + regressions().size() + " of " + rows.size() + " checks"
                    + (time.isEmpty() ? "" : "; " + time);
            case TIME_REGRESSION_EXIT -> "TIME " + time.substring("time ".length()) + "; no metric regression";
            default -> "unusable input: " + problem;
        };
        List<TunedSelection> changed = changedSelections();
        if (problem == null && !changed.isEmpty()) {
            line += "; selection changed for " + (changed.size() <= 3
                    ? String.join(", ", changed.stream().map(TunedSelection::label).toList())
                    : changed.size() + " of " + selections.size() + " optimizers");
        }
        return line;
    }

    /** The table as aligned plain text, for the terminal. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append("compare ").append(baseline).append(" (baseline").append(sameFolder() ? "" : ": " + baselineFolder)
                .append(") -> ").append(candidate).append(" (candidate)\n");
        if (problem == null) {
            List<List<String>> table = new ArrayList<>();
            table.add(header());
            rows.forEach(row -> table.add(cells(row)));
            int[] widths = new int[table.get(0).size()];
            for (List<String> line : table) {
                for (int i = 0; i < line.size(); i++) {
                    widths[i] = Math.max(widths[i], line.get(i).length());
                }
            }
            for (List<String> line : table) {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < line.size(); i++) {
                    String cell = line.get(i);
                    boolean left = i < 2 || i >= line.size() - 3;
                    text.append(left ? pad(cell, widths[i]) : padLeft(cell, widths[i])).append("  ");
                }
                out.append(text.toString().stripTrailing()).append('\n');
            }
        }
        if (problem == null) {
            selections.forEach(selection -> out.append(selection.line()).append('\n'));
        }
        notes.forEach(note -> out.append("note: ").append(note).append('\n'));
        out.append(summaryLine()).append('\n');
        return out.toString();
    }

    /** The table as markdown ({@code compare.md}). */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Comparison: ").append(switch (exitCode()) {
            case 0 -> "no regression";
            case 1 -> "REGRESSION";
            case TIME_REGRESSION_EXIT -> "time regression";
            default -> "unusable input";
        }).append("\n\n");
        out.append("- baseline: `").append(baselineFolder).append('`')
                .append(sameFolder() ? "" : " (given as `" + baseline + "`)").append('\n');
        out.append("- candidate: `").append(candidate).append("`\n");
        out.append(String.format(Locale.ROOT, "- rule: only each configuration's primary metric is tested (marked"
                + " `primary`): a regression when the candidate is worse by at least %s (accuracy, absolute) or %s%%"
                + " of the baseline (loss) and the one-sided test (paired t on per-seed differences when the runs"
                + " share trial seeds, else Welch) gives p < %s after Holm's adjustment over the primary tests;"
                + " with no spread between seeds the minimum effect decides alone, with fewer than 3 seeds the row"
                + " is inconclusive. The other metrics are reported with their difference, 95%% interval and"
                + " smallest detectable difference (80%% power). Time: a `time-regression` (exit %d, or a warning"
                + " with `--time warn`; now `%s`) when the median s/epoch grew by ×%s or more and the one-sided"
                + " Mann–Whitney test on the trials' times gives p < %s after Holm over the time tests. Missing"
                + " trials or configurations and more failed or diverged trials fail (exit 1).%s\n\n",
                trim(options.minAccuracyDrop()), trim(100 * options.minLossIncrease()), trim(options.alpha()),
                TIME_REGRESSION_EXIT, options.time().key(), trim(options.minTimeRatio()), trim(options.alpha()),
                selections.isEmpty() ? "" : " Tuned studies: only the final trials are compared, matched by"
                        + " optimizer and problem (a row per optimizer, whatever configuration each run selected);"
                        + " a changed selection is listed below the table and is not a failure by itself."));
        if (problem != null) {
            out.append("**Unusable input:** ").append(problem).append("\n");
        } else {
            List<String> header = header();
            out.append("| ").append(String.join(" | ", header)).append(" |\n|");
            for (int i = 0; i < header.size(); i++) {
                out.append(i < 2 || i >= header.size() - 3 ? "---|" : "---:|");
            }
            out.append('\n');
            for (ComparisonRow row : rows) {
                List<String> cells = cells(row);
                cells.replaceAll(cell -> cell.replace("|", "\\|"));
                if (row.failed()) {
                    cells.set(header.size() - 2, "**" + cells.get(header.size() - 2) + "**");
                }
                out.append("| ").append(String.join(" | ", cells)).append(" |\n");
            }
        }
        if (problem == null && !selections.isEmpty()) {
            out.append(selectionsMarkdown());
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        out.append('\n').append(summaryLine()).append('\n');
        return out.toString();
    }

    /** The table of selected configurations of two tuned studies. */
    private String selectionsMarkdown() {
        String metric = selections.stream().map(TunedSelection::metric).filter(m -> !m.isEmpty()).findFirst()
                .map(m -> "tuning " + m).orElse("tuning score");
        StringBuilder out = new StringBuilder("\n## Selected configurations\n\n");
        out.append("| optimizer | baseline selected | ").append(metric).append(" | candidate selected | ").append(metric)
                .append(" | selection |\n|---|---|---:|---|---:|---|\n");
        for (TunedSelection selection : selections) {
            out.append("| ").append(selection.label().replace("|", "\\|")).append(" | `").append(selection.baseline())
                    .append("` | ").append(TunedSelection.score(selection.baselineScore())).append(" | `")
                    .append(selection.candidate()).append("` | ").append(TunedSelection.score(selection.candidateScore()))
                    .append(" | ").append(selection.changed() ? "**changed**: " + selection.shortText() : "unchanged")
                    .append(" |\n");
        }
        return out.toString();
    }

    /** Writes {@link #toMarkdown()} to {@code file} atomically. */
    public void writeMarkdown(Path file) {
        Cells.writeAtomically(file, toMarkdown());
    }

    /**
     * The failed checks as CSV, one row per check: {@code configuration,metric,kind,effect,p}. The effect is the
     * difference (candidate − baseline; for time the ratio, for trials the count); p is the Holm-adjusted p-value,
     * empty where no test applied. Header only when nothing failed.
     */
    public String failedChecksCsv() {
        StringBuilder out = new StringBuilder();
        CSVFormat format = Cells.FORMAT;
        try {
            format.printRecord(out, "configuration", "metric", "kind", "effect", "p");
            for (ComparisonRow row : failures()) {
                format.printRecord(out, row.label(), row.metric(), row.kind().key(), exact(row.difference()),
                        exact(row.pValue()));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("appending to a StringBuilder cannot fail", e);
        }
        return out.toString();
    }

    /** Writes {@link #failedChecksCsv()} to {@code file} atomically. */
    public void writeFailedChecks(Path file) {
        Cells.writeAtomically(file, failedChecksCsv());
    }

    private boolean sameFolder() {
        return baselineFolder.equals(baseline.toAbsolutePath().normalize());
    }

    private static List<String> header() {
        return List.of("configuration", "metric", "n", "baseline", "candidate", "difference", "95% CI",
                "detectable", "p (Holm)", "test", "verdict", "note");
    }

    private static List<String> cells(ComparisonRow row) {
        boolean ratio = row.kind() == ComparisonRow.Kind.TIME;
        String difference = ratio ? (Double.isFinite(row.difference())
                ? String.format(Locale.ROOT, "×%.3f", row.difference()) : "") : signed(row.difference());
        String interval = Double.isNaN(row.ciLow()) ? ""
                : "[" + signed(row.ciLow()) + ", " + signed(row.ciHigh()) + "]";
        String detectable = Double.isNaN(row.minimumDetectable()) ? ""
                : String.format(Locale.ROOT, "%.3g", row.minimumDetectable());
        return new ArrayList<>(List.of(row.label(), row.metric(), row.baselineN() + "/" + row.candidateN(),
                number(row.baseline()), number(row.candidate()), difference, interval, detectable,
                Double.isNaN(row.pValue()) ? "" : String.format(Locale.ROOT, "%.3g", row.pValue()), row.test(),
                row.verdict().text(), row.note()));
    }

    private static String exact(double value) {
        return Double.isNaN(value) ? "" : Double.toString(value);
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.5g", value);
    }

    private static String signed(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%+.4g", value);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static String padLeft(String text, int width) {
        return " ".repeat(Math.max(0, width - text.length())) + text;
    }
}
