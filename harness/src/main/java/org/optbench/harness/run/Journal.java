package org.optbench.harness.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.optbench.reports.ReportException;
import org.optbench.reports.RunFiles;
import org.optbench.reports.csv.Cells;

/**
 * The run folder's {@code .journal.csv}: one line {@code trial,curve_rows,trace_rows} per trial, appended once
 * the trial's trace, curve rows and trial row are all written. It is the commit record of a trial: on
 * {@code --resume} a trial is kept only if its journal line is there and the files still hold exactly that many
 * rows of it, so rows lost to a cut or deleted file make the trial run again instead of counting it as done.
 * Thread-safe.
 */
final class Journal implements AutoCloseable {
    static final String HEADER = "trial,curve_rows,trace_rows";

    /** What one finished trial wrote: its curve rows, and its trace rows (0 without a trace). */
    record Entry(int trial, int curveRows, int traceRows) {
        Entry {
            if (trial < 0 || curveRows < 0 || traceRows < 0) {
                throw new IllegalArgumentException("journal: negative entry " + trial + "," + curveRows + "," + traceRows);
            }
        }
    }

    private final Path file;
    private final Map<Integer, Entry> entries;
    private BufferedWriter out;

    private Journal(Path file, Map<Integer, Entry> entries) throws IOException {
        this.file = file;
        this.entries = entries;
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /**
     * The entries in {@code directory}'s journal; a missing file has none. Lines that are torn or not three
     * non-negative integers are skipped: their trials simply run again.
     */
    static Map<Integer, Entry> read(Path directory) {
        Path file = directory.resolve(RunFiles.JOURNAL);
        Map<Integer, Entry> entries = new TreeMap<>();
        if (!Files.exists(file)) {
            return entries;
        }
        String content;
        try {
            content = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ReportException(file + ": cannot read: " + e.getMessage(), e);
        }
        // Text after the last line end is a torn line.
        int lastLineEnd = content.lastIndexOf('\n');
        content = lastLineEnd < 0 ? "" : content.substring(0, lastLineEnd);
        for (String line : content.split("\n")) {
            String[] cells = line.split(",", -1);
            if (cells.length != 3 || line.equals(HEADER)) {
                continue;
            }
            try {
                Entry entry = new Entry(Integer.parseInt(cells[0]), Integer.parseInt(cells[1]), Integer.parseInt(cells[2]));
                entries.putIfAbsent(entry.trial(), entry);
            } catch (IllegalArgumentException garbled) {
                // skipped: the trial is treated as not finished
            }
        }
        return entries;
    }

    /** Starts the journal of {@code directory} afresh with {@code kept} (atomically), then appends to it. */
    static Journal open(Path directory, Collection<Entry> kept) {
        Map<Integer, Entry> entries = new TreeMap<>();
        kept.forEach(entry -> entries.put(entry.trial(), entry));
        Path file = directory.resolve(RunFiles.JOURNAL);
        Cells.writeAtomically(file, render(entries));
        try {
            return new Journal(file, entries);
        } catch (IOException e) {
            throw new ReportException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends one finished trial and flushes it. */
    synchronized void record(Entry entry) {
        if (out == null) {
            throw new IllegalStateException(file.getFileName() + " is closed");
        }
        try {
            out.write(line(entry));
            out.flush();
        } catch (IOException e) {
            throw new ReportException("cannot write " + file + ": " + e.getMessage(), e);
        }
        entries.put(entry.trial(), entry);
    }

    /** Closes the journal and rewrites it sorted by trial, so that it does not depend on the finishing order. */
    synchronized void finish() {
        close();
        Cells.writeAtomically(file, render(entries));
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new ReportException("cannot close " + file + ": " + e.getMessage(), e);
            } finally {
                out = null;
            }
        }
    }

    private static String render(Map<Integer, Entry> entries) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        entries.values().forEach(entry -> text.append(line(entry)));
        return text.toString();
    }

    private static String line(Entry entry) {
        return entry.trial() + "," + entry.curveRows() + "," + entry.traceRows() + "\n";
    }
}
