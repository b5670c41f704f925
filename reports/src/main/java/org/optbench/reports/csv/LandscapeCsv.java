package org.optbench.reports.csv;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import org.apache.commons.csv.CSVPrinter;
import org.optbench.reports.RunFiles;

/**
 * An analytic function sampled on a grid for plotting, {@code landscapes/NAME.csv} with header {@code x0,f}
 * (1-D) or {@code x0,x1,f} (2-D, every pair of the two axes' grid values, x1 varying fastest), and its known
 * minima, {@code landscapes/NAME-minima.csv} with header {@code x0[,x1]}.
 */
public final class LandscapeCsv {
    private LandscapeCsv() {
    }

    /**
     * A sampled function. For 1-D, {@code x1} is empty and {@code values[i][0] = f(x0[i])}; for 2-D
     * {@code values[i][j] = f(x0[i], x1[j])}.
     */
    public record Landscape(double[] x0, double[] x1, double[][] values) {
        public int dimension() {
            return x1.length == 0 ? 1 : 2;
        }
    }

    /** {@code landscapes/NAME.csv} of the data set {@code dataset} (its component string) in a run directory. */
    public static Path file(Path runDirectory, String dataset) {
        return runDirectory.resolve(RunFiles.LANDSCAPES).resolve(RunFiles.safeName(dataset) + ".csv");
    }

    /** {@code landscapes/NAME-minima.csv} of the data set {@code dataset} in a run directory. */
    public static Path minimaFile(Path runDirectory, String dataset) {
        return runDirectory.resolve(RunFiles.LANDSCAPES).resolve(RunFiles.safeName(dataset) + "-minima.csv");
    }

    /** Writes a 1-D landscape: {@code values[i] = f(x0[i])}. */
    public static void write1d(Path file, double[] x0, double[] values) {
        if (x0.length != values.length || x0.length < 2) {
            throw new IllegalArgumentException("landscape: need at least 2 points and one value per point, got "
                    + x0.length + " points and " + values.length + " values");
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < x0.length; i++) {
            rows.add(List.of(Cells.number(x0[i]), Cells.number(values[i])));
        }
        Cells.writeAtomically(file, render(List.of("x0", "f"), rows));
    }

    /** Writes a 2-D landscape: {@code values[i][j] = f(x0[i], x1[j])}. */
    public static void write2d(Path file, double[] x0, double[] x1, double[][] values) {
        if (x0.length < 2 || x1.length < 2 || values.length != x0.length) {
            throw new IllegalArgumentException("landscape: need a grid of at least 2 x 2 with one row of values per"
                    + " x0, got " + x0.length + " x " + x1.length + " and " + values.length + " rows");
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < x0.length; i++) {
            if (values[i].length != x1.length) {
                throw new IllegalArgumentException("landscape: row " + i + " has " + values[i].length
                        + " values, expected " + x1.length);
            }
            for (int j = 0; j < x1.length; j++) {
                rows.add(List.of(Cells.number(x0[i]), Cells.number(x1[j]), Cells.number(values[i][j])));
            }
        }
        Cells.writeAtomically(file, render(List.of("x0", "x1", "f"), rows));
    }

    /** Writes the known minima, each a point of the function's dimension. */
    public static void writeMinima(Path file, List<double[]> minima) {
        int dimension = minima.isEmpty() ? 1 : minima.get(0).length;
        List<String> header = dimension == 1 ? List.of("x0") : List.of("x0", "x1");
        List<List<String>> rows = new ArrayList<>();
        for (double[] point : minima) {
            if (point.length != dimension || dimension > 2) {
                throw new IllegalArgumentException("landscape minima: every point needs 1 or 2 coordinates, all the"
                        + " same, got " + Arrays.toString(point));
            }
            rows.add(Arrays.stream(point).mapToObj(Cells::number).toList());
        }
        Cells.writeAtomically(file, render(header, rows));
    }

    /** Reads a landscape file; a 2-D one must hold the full grid. */
    public static Landscape read(Path file) {
        CsvRows rows = CsvRows.read(file, header -> header.equals(List.of("x0", "f"))
                || header.equals(List.of("x0", "x1", "f")), "x0,f or x0,x1,f");
        if (rows.rows().size() < 2) {
            throw new org.optbench.reports.ReportException(file + ": a landscape needs at least 2 rows, found "
                    + rows.rows().size());
        }
        if (rows.header().size() == 2) {
            double[] x0 = new double[rows.rows().size()];
            double[][] values = new double[x0.length][1];
            for (int i = 0; i < x0.length; i++) {
                x0[i] = rows.rows().get(i).number(0);
                values[i][0] = rows.rows().get(i).number(1);
            }
            return new Landscape(x0, new double[0], values);
        }
        TreeSet<Double> axis0 = new TreeSet<>();
        TreeSet<Double> axis1 = new TreeSet<>();
        for (CsvRows.Row row : rows.rows()) {
            axis0.add(row.number(0));
            axis1.add(row.number(1));
        }
        double[] x0 = axis0.stream().mapToDouble(Double::doubleValue).toArray();
        double[] x1 = axis1.stream().mapToDouble(Double::doubleValue).toArray();
        double[][] values = new double[x0.length][x1.length];
        for (double[] row : values) {
            Arrays.fill(row, Double.NaN);
        }
        for (CsvRows.Row row : rows.rows()) {
            int i = Arrays.binarySearch(x0, row.number(0));
            int j = Arrays.binarySearch(x1, row.number(1));
            values[i][j] = row.number(2);
        }
        if (rows.rows().size() != x0.length * x1.length) {
            throw new org.optbench.reports.ReportException(file + ": not a full grid: " + rows.rows().size()
                    + " rows for " + x0.length + " x0 values and " + x1.length + " x1 values");
        }
        return new Landscape(x0, x1, values);
    }

    /** Reads a minima file: one point per row. */
    public static List<double[]> readMinima(Path file) {
        CsvRows rows = CsvRows.read(file, header -> header.equals(List.of("x0"))
                || header.equals(List.of("x0", "x1")), "x0 or x0,x1");
        List<double[]> minima = new ArrayList<>();
        for (CsvRows.Row row : rows.rows()) {
            double[] point = new double[rows.header().size()];
            for (int i = 0; i < point.length; i++) {
                point[i] = row.number(i);
            }
            minima.add(point);
        }
        return minima;
    }

    private static String render(List<String> header, List<List<String>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, Cells.FORMAT)) {
            printer.printRecord(header);
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
