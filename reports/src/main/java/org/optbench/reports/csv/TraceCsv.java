package org.optbench.reports.csv;

import java.io.IOException;
import java.io.Serializable;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVPrinter;
import org.optbench.reports.ReportException;

/**
 * The trajectory of an optimizer on an analytic function ({@code optbench trace}, {@code traces/trial-N.csv}):
 * header {@code step,lr,loss,x0[,x1,...]}, one row per update, row 0 the start point. Parameters are float32 and
 * written with {@link Float#toString(float)} so they read back bit for bit; learning rate and loss as doubles.
 */
public final class TraceCsv {
    private TraceCsv() {
    }

    /** One row: the point after {@code step} updates, its loss, and the rate of the update that led there. */
    public record Point(long step, double learningRate, double loss, float[] parameters) implements Serializable {
    }

    /** The header for a {@code dimension}-dimensional trajectory. */
    public static List<String> header(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("trace: dimension must be at least 1, got " + dimension);
        }
        List<String> header = new ArrayList<>(List.of("step", "lr", "loss"));
        for (int i = 0; i < dimension; i++) {
            header.add("x" + i);
        }
        return header;
    }

    /** A streaming writer to a new file (parent directories created); every row is flushed as it is written. */
    public static TraceWriter open(Path file, int dimension) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            return new TraceWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), dimension, file.toString(), true);
        } catch (IOException e) {
            throw new ReportException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a whole trajectory to a new file (parent directories created): the bytes {@link #open(Path, int)} and
     * a {@link TraceWriter#write} per point give, in one buffered pass instead of a flush per row. For a run's
     * {@code traces/trial-N.csv}, which is complete before it is written and counts only once the journal line
     * written after it says so (docs/harness.md, "Parallel, reproducible, crash-safe").
     */
    public static void write(Path file, List<Point> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("trace: no points to write to " + file);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (TraceWriter trace = new TraceWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8),
                    points.get(0).parameters().length, file.toString(), false)) {
                for (Point point : points) {
                    trace.write(point.step(), point.learningRate(), point.loss(), point.parameters());
                }
            }
        } catch (IOException e) {
            throw new ReportException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** A streaming writer to {@code out} (e.g. standard output); closing it closes {@code out}. */
    public static TraceWriter open(Writer out, int dimension) {
        return new TraceWriter(out, dimension, "trace output", true);
    }

    /** Reads a trace file written by {@link TraceWriter}. */
    public static List<Point> read(Path file) {
        CsvRows rows = CsvRows.read(file, TraceCsv::isTraceHeader, "step,lr,loss,x0[,x1,...]");
        int dimension = rows.header().size() - 3;
        List<Point> points = new ArrayList<>(rows.rows().size());
        for (CsvRows.Row row : rows.rows()) {
            float[] parameters = new float[dimension];
            for (int i = 0; i < dimension; i++) {
                parameters[i] = row.floatNumber(3 + i);
            }
            points.add(new Point(row.integer(0), row.number(1), row.number(2), parameters));
        }
        return points;
    }

    private static boolean isTraceHeader(List<String> header) {
        return header.size() >= 4 && header.equals(header(header.size() - 3));
    }

    /**
     * Writes rows of one trajectory as they are produced, each flushed (unless made by {@link #write(Path, List)}).
     * Not thread-safe: one trajectory, one thread.
     */
    public static final class TraceWriter implements AutoCloseable {
        private final CSVPrinter printer;
        private final int dimension;
        private final String target;
        private final List<String> cells;
        private final boolean flushEachRow;

        TraceWriter(Writer out, int dimension, String target, boolean flushEachRow) {
            this.dimension = dimension;
            this.target = target;
            this.flushEachRow = flushEachRow;
            this.cells = new ArrayList<>(dimension + 3);
            try {
                this.printer = new CSVPrinter(out, Cells.FORMAT);
                printer.printRecord(header(dimension));
                printer.flush();
            } catch (IOException e) {
                throw new ReportException("cannot write " + target + ": " + e.getMessage(), e);
            }
        }

        /** Writes the point after {@code step} updates. */
        public void write(long step, double learningRate, double loss, float[] parameters) {
            if (parameters.length != dimension) {
                throw new IllegalArgumentException("trace: expected " + dimension + " parameters, got "
                        + parameters.length);
            }
            cells.clear();
            cells.add(Long.toString(step));
            cells.add(Cells.number(learningRate));
            cells.add(Cells.number(loss));
            for (float value : parameters) {
                cells.add(Cells.number(value));
            }
            try {
                printer.printRecord(cells);
                if (flushEachRow) {
                    printer.flush();
                }
            } catch (IOException e) {
                throw new ReportException("cannot write " + target + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                printer.close(true);
            } catch (IOException e) {
                throw new ReportException("cannot close " + target + ": " + e.getMessage(), e);
            }
        }
    }
}
