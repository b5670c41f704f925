package org.optbench.reports.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.optbench.reports.ReportException;

/**
 * The learning rate of every update of a model trial ({@code rates/trial-N.csv}): header {@code step,lr}, one row
 * per update, {@code step} the update count after it (1, 2, ...), {@code lr} the rate it used, written so it reads
 * back to the same double. {@code curves.csv} has the rate only at its evaluations (once per epoch), which hides a
 * warm-up and turns a cosine into steps; this file is what the learning-rate figure draws.
 */
public final class RateCsv {
    private RateCsv() {
    }

    /** Writes the rows (parent directories created); {@code steps} and {@code rates} have the same length. */
    public static void write(Path file, long[] steps, double[] rates) {
        if (steps.length != rates.length) {
            throw new IllegalArgumentException("rates: " + steps.length + " steps but " + rates.length + " rates");
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write("step,lr\n");
                for (int i = 0; i < steps.length; i++) {
                    out.write(steps[i] + "," + rates[i] + "\n");
                }
            }
        } catch (IOException e) {
            throw new ReportException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a file written by {@link #write}: {@code {steps, rates}}. */
    public static double[][] read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty() || !lines.get(0).equals("step,lr")) {
            throw new ReportException(file + ":1: expected the header step,lr");
        }
        double[] steps = new double[lines.size() - 1];
        double[] rates = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            try {
                if (cells.length != 2) {
                    throw new NumberFormatException("expected 2 cells, got " + cells.length);
                }
                steps[i - 1] = Long.parseLong(cells[0]);
                rates[i - 1] = Double.parseDouble(cells[1]);
            } catch (NumberFormatException e) {
                throw new ReportException(file + ":" + (i + 1) + ": cannot read '" + lines.get(i) + "' as step,lr");
            }
        }
        return new double[][] {steps, rates};
    }
}
