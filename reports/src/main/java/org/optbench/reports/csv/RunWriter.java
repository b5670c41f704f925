package org.optbench.reports.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.apache.commons.csv.CSVPrinter;
import org.optbench.reports.CurveRow;
import org.optbench.reports.ReportException;
import org.optbench.reports.RunFiles;
import org.optbench.reports.TrialRow;

/**
 * Writes {@code curves.csv} and {@code trials.csv} of a run as rows are produced, so that a killed run loses at
 * most the trials in flight.
 *
 * <p>Protocol: write a trial's curve rows, then its trial row; a trial is complete iff its trial row exists.
 * {@link #resume} keeps exactly the complete trials. Every row is flushed when written (a trial's curve rows
 * together, {@link #writeCurves}). {@link #finish()} rewrites
 * both files sorted (trials by id; curves by trial, step, epoch), so one experiment gives byte-identical files
 * whatever the thread count or the order trials finished in (apart from the time columns). Thread-safe.
 */
public final class RunWriter implements AutoCloseable {
    private static final Comparator<CurveRow> CURVE_ORDER = Comparator.comparingInt(CurveRow::trial)
            .thenComparingLong(CurveRow::step).thenComparingInt(CurveRow::epoch);
    private static final Comparator<TrialRow> TRIAL_ORDER = Comparator.comparingInt(TrialRow::trial);

    private final Path trialsFile;
    private final Path curvesFile;
    private final Set<Integer> completed;
    private CSVPrinter trials;
    private CSVPrinter curves;

    private RunWriter(Path runDirectory, Set<Integer> completed) throws IOException {
        this.trialsFile = runDirectory.resolve(RunFiles.TRIALS);
        this.curvesFile = runDirectory.resolve(RunFiles.CURVES);
        this.completed = new HashSet<>(completed);
        this.trials = append(trialsFile);
        this.curves = append(curvesFile);
    }

    /** Starts a new run in {@code runDirectory} (created if missing): both files with only their header. */
    public static RunWriter create(Path runDirectory) {
        try {
            Files.createDirectories(runDirectory);
            Path trialsFile = runDirectory.resolve(RunFiles.TRIALS);
            Path curvesFile = runDirectory.resolve(RunFiles.CURVES);
            Cells.writeAtomically(trialsFile, render(RunSchema.TRIALS_HEADER, List.<TrialRow>of(), RunSchema::cells));
            Cells.writeAtomically(curvesFile, render(RunSchema.CURVES_HEADER, List.<CurveRow>of(), RunSchema::cells));
            return new RunWriter(runDirectory, Set.of());
        } catch (IOException e) {
            throw new ReportException("cannot create the run files in " + runDirectory + ": " + e.getMessage(), e);
        }
    }

    /** Decides, when a run is resumed, whether a trial whose rows are in the files is kept or run again. */
    @FunctionalInterface
    public interface Keep {
        /**
         * @param trial the trial's row
         * @param curves its curve rows in file order (none when they were lost)
         * @return true to keep the trial, false to drop its rows so that it runs again; throw to refuse the folder
         */
        boolean keep(TrialRow trial, List<CurveRow> curves);
    }

    /** {@link #resume(Path, Keep)} keeping every trial whose trial row is whole. */
    public static RunWriter resume(Path runDirectory) {
        return resume(runDirectory, (trial, curves) -> true);
    }

    /**
     * Continues a run that was killed: reads both files, drops a torn last line (one without its line end), asks
     * {@code keep} about every trial with a trial row (the first row of an id counts), keeps the curve rows of the
     * kept trials only, rewrites both files atomically and appends from there. Nothing is rewritten when
     * {@code keep} throws. A directory without the files is started as new.
     */
    public static RunWriter resume(Path runDirectory, Keep keep) {
        Path trialsFile = runDirectory.resolve(RunFiles.TRIALS);
        Path curvesFile = runDirectory.resolve(RunFiles.CURVES);
        if (!Files.exists(trialsFile) && !Files.exists(curvesFile)) {
            return create(runDirectory);
        }
        List<TrialRow> trialRows = readComplete(trialsFile, RunSchema.TRIALS_HEADER, RunSchema.TRIALS_HEADER_V1).rows().stream()
                .map(RunSchema::trial).toList();
        List<CurveRow> allCurves = readComplete(curvesFile, RunSchema.CURVES_HEADER, RunSchema.CURVES_HEADER_V1).rows().stream()
                .map(RunSchema::curve).toList();
        Map<Integer, List<CurveRow>> curvesOf = new HashMap<>();
        for (CurveRow row : allCurves) {
            curvesOf.computeIfAbsent(row.trial(), id -> new ArrayList<>()).add(row);
        }
        // The same trial twice means two processes wrote here; keep the first, as the file order says.
        List<TrialRow> unique = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        Set<Integer> ids = new TreeSet<>();
        for (TrialRow row : trialRows) {
            if (seen.add(row.trial()) && keep.keep(row, curvesOf.getOrDefault(row.trial(), List.of()))) {
                unique.add(row);
                ids.add(row.trial());
            }
        }
        List<CurveRow> curveRows = allCurves.stream().filter(row -> ids.contains(row.trial())).toList();
        Cells.writeAtomically(trialsFile, render(RunSchema.TRIALS_HEADER, unique, RunSchema::cells));
        Cells.writeAtomically(curvesFile, render(RunSchema.CURVES_HEADER, curveRows, RunSchema::cells));
        try {
            return new RunWriter(runDirectory, ids);
        } catch (IOException e) {
            throw new ReportException("cannot reopen the run files in " + runDirectory + ": " + e.getMessage(), e);
        }
    }

    /** Ids of the trials whose trial row is written: the ones a resumed run skips. */
    public synchronized Set<Integer> completedTrials() {
        return Collections.unmodifiableSet(new TreeSet<>(completed));
    }

    /** Appends one evaluation and flushes it. */
    public synchronized void writeCurve(CurveRow row) {
        print(curves, curvesFile, RunSchema.cells(row));
    }

    /**
     * Appends a trial's evaluations and flushes once, after the last: the same bytes as {@link #writeCurve} per row
     * with one write to the file instead of one per row. Safe because a trial's curve rows count only once its
     * trial row follows; a kill in between leaves rows (and at most a torn last line) that {@link #resume} drops.
     */
    public synchronized void writeCurves(List<CurveRow> rows) {
        for (int i = 0; i < rows.size(); i++) {
            print(curves, curvesFile, RunSchema.cells(rows.get(i)), i == rows.size() - 1);
        }
    }

    /** Appends one finished trial, flushes it, and marks the trial complete. Write its curve rows first. */
    public synchronized void writeTrial(TrialRow row) {
        print(trials, trialsFile, RunSchema.cells(row));
        completed.add(row.trial());
    }

    /** Closes the files and rewrites both sorted canonically, atomically. */
    public synchronized void finish() {
        close();
        List<TrialRow> trialRows = new ArrayList<>(RunReader.readTrials(trialsFile));
        trialRows.sort(TRIAL_ORDER);
        List<CurveRow> curveRows = new ArrayList<>(RunReader.readCurves(curvesFile));
        curveRows.sort(CURVE_ORDER);
        Cells.writeAtomically(trialsFile, render(RunSchema.TRIALS_HEADER, trialRows, RunSchema::cells));
        Cells.writeAtomically(curvesFile, render(RunSchema.CURVES_HEADER, curveRows, RunSchema::cells));
    }

    /** Closes the files (what was written stays); idempotent. */
    @Override
    public synchronized void close() {
        IOException failure = null;
        for (CSVPrinter printer : new CSVPrinter[] {trials, curves}) {
            if (printer != null) {
                try {
                    printer.close(true);
                } catch (IOException e) {
                    failure = e;
                }
            }
        }
        trials = null;
        curves = null;
        if (failure != null) {
            throw new ReportException("cannot close the run files: " + failure.getMessage(), failure);
        }
    }

    private static CsvRows readComplete(Path file, List<String> header, List<String> previousHeader) {
        String content;
        try {
            content = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new ReportException(file + ": cannot read: " + e.getMessage(), e);
        }
        // A row is written with its line end in one flush; text after the last line end is a torn row.
        int lastLineEnd = content.lastIndexOf('\n');
        content = lastLineEnd < 0 ? "" : content.substring(0, lastLineEnd + 1);
        if (content.isEmpty()) {
            content = String.join(",", header) + "\n";
        }
        return CsvRows.parse(file.toString(), content, found -> RunSchema.isHeader(found, header, previousHeader),
                String.join(",", header));
    }

    private static <T> String render(List<String> header, List<T> rows, Function<T, List<String>> cells) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, Cells.FORMAT)) {
            printer.printRecord(header);
            for (T row : rows) {
                printer.printRecord(cells.apply(row));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static CSVPrinter append(Path file) throws IOException {
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return new CSVPrinter(writer, Cells.FORMAT);
    }

    private static void print(CSVPrinter printer, Path file, List<String> cells) {
        print(printer, file, cells, true);
    }

    private static void print(CSVPrinter printer, Path file, List<String> cells, boolean flush) {
        if (printer == null) {
            throw new IllegalStateException(file.getFileName() + " is closed: no rows after finish() or close()");
        }
        try {
            printer.printRecord(cells);
            if (flush) {
                printer.flush();
            }
        } catch (IOException e) {
            throw new ReportException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
