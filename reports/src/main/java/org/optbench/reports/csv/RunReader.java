package org.optbench.reports.csv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.optbench.reports.CurveRow;
import org.optbench.reports.RunFiles;
import org.optbench.reports.TrialRow;

/**
 * Reads {@code trials.csv} and {@code curves.csv}. A malformed or foreign file fails with one
 * {@link org.optbench.reports.ReportException} naming the file, the line and the column.
 */
public final class RunReader {
    private RunReader() {
    }

    /** The rows of a {@code trials.csv}; {@code path} is the file or the run directory holding it. */
    public static List<TrialRow> readTrials(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(RunFiles.TRIALS) : path;
        return CsvRows.read(file, header -> RunSchema.isHeader(header, RunSchema.TRIALS_HEADER, RunSchema.TRIALS_HEADER_V1),
                String.join(",", RunSchema.TRIALS_HEADER)).rows().stream().map(RunSchema::trial).toList();
    }

    /** The rows of a {@code curves.csv}; {@code path} is the file or the run directory holding it. */
    public static List<CurveRow> readCurves(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(RunFiles.CURVES) : path;
        return CsvRows.read(file, header -> RunSchema.isHeader(header, RunSchema.CURVES_HEADER, RunSchema.CURVES_HEADER_V1),
                String.join(",", RunSchema.CURVES_HEADER)).rows().stream().map(RunSchema::curve).toList();
    }
}
