package org.optbench.reports.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.optbench.reports.csv.Cells;

/**
 * The verdict of {@link Comparison#compare}: the table, notes, and the exit code of {@code optbench compare}.
 *
 * @param problem why the input is unusable (exit code 2), or null
 */
public record ComparisonResult(Path baseline, Path candidate, CompareOptions options, List<ComparisonRow> rows,
        List<String> notes, String problem) {

    public ComparisonResult {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    /** 0 when nothing regressed, 1 on a regression, 2 when the input is unusable. */
    public int exitCode() {
        if (problem != null) {
            return 2;
        }
        return regressions().isEmpty() ? 0 : 1;
    }

    public List<ComparisonRow> regressions() {
        return rows.stream().filter(row -> row.verdict() == Verdict.REGRESSION).toList();
    }

    /** One line: {@code no regression}, {@code REGRESSION in 2 of 18 checks}, or the problem. */
    public String summaryLine() {
        return switch (exitCode()) {
            case 0 -> "no regression (" + rows.size() + " checks)";
            case 1 -> "REGRESSION in " + regressions().size() + " of " + rows.size() + " checks";
            default -> "unusable input: " + problem;
        };
    }

    /** The table as aligned plain text, for the terminal. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append("compare ").append(baseline).append(" (baseline) -> ").append(candidate).append(" (candidate)\n");
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
                    text.append(i < 2 ? pad(cell, widths[i]) : padLeft(cell, widths[i])).append("  ");
                }
                out.append(text.toString().stripTrailing()).append('\n');
            }
        }
        notes.forEach(note -> out.append("note: ").append(note).append('\n'));
        out.append(summaryLine()).append('\n');
        return out.toString();
    }

    /** The table as markdown ({@code compare.md}). */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Comparison: ").append(exitCode() == 1 ? "REGRESSION" : exitCode() == 0 ? "no regression"
                : "unusable input").append("\n\n");
        out.append("- baseline: `").append(baseline).append("`\n- candidate: `").append(candidate).append("`\n");
        out.append(String.format(Locale.ROOT, "- rule: a final metric regresses when the candidate is worse by at"
                + " least %s (accuracy, absolute) or %s%% of the baseline (loss) and Welch's two-sided t-test gives"
                + " p < %s, Holm-adjusted over all the tests below (effect size alone with one seed on a side); time regresses when the median s/epoch"
                + " ratio exceeds %s\n\n", trim(options.minAccuracyDrop()), trim(100 * options.minLossIncrease()),
                trim(options.alpha()), trim(options.maxTimeRatio())));
        if (problem != null) {
            out.append("**Unusable input:** ").append(problem).append("\n");
        } else {
            out.append("| ").append(String.join(" | ", header())).append(" |\n");
            out.append("|---|---|---:|---:|---:|---:|---:|---|---|\n");
            for (ComparisonRow row : rows) {
                List<String> cells = cells(row);
                cells.set(0, cells.get(0).replace("|", "\\|"));
                if (row.verdict() == Verdict.REGRESSION) {
                    cells.set(7, "**" + cells.get(7) + "**");
                }
                out.append("| ").append(String.join(" | ", cells)).append(" |\n");
            }
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        out.append('\n').append(summaryLine()).append('\n');
        return out.toString();
    }

    /** Writes {@link #toMarkdown()} to {@code file} atomically. */
    public void writeMarkdown(Path file) {
        Cells.writeAtomically(file, toMarkdown());
    }

    private static List<String> header() {
        return List.of("configuration", "metric", "n", "baseline", "candidate", "difference", "p (Holm)", "verdict",
                "note");
    }

    private static List<String> cells(ComparisonRow row) {
        boolean ratio = row.metric().startsWith("s_per_epoch");
        return new ArrayList<>(List.of(row.label(), row.metric(), row.baselineN() + "/" + row.candidateN(),
                number(row.baseline()), number(row.candidate()),
                ratio ? (Double.isFinite(row.difference()) ? String.format(Locale.ROOT, "×%.3f", row.difference())
                        : "") : signed(row.difference()),
                Double.isNaN(row.pValue()) ? "" : String.format(Locale.ROOT, "%.3g", row.pValue()),
                row.verdict().text(), row.note()));
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
