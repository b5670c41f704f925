package org.optbench.harness.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optbench.harness.trial.Placement;

/**
 * {@code placement.csv}: where each trial ran ({@code trial,host,executor,cpu,kernel}), one row per trial, kept apart
 * from {@code trials.csv} so that those stay byte-identical whatever engine ran them. Rows are appended as trials
 * finish, each before its {@code trials.csv} row; opening a run to resume keeps only the rows of trials
 * {@code trials.csv} completed (a trial that ran but was not committed runs again), and {@link #finish()} rewrites
 * the file sorted by trial.
 */
final class PlacementCsv implements AutoCloseable {
    static final String FILE = "placement.csv";
    static final String HEADER = "trial,host,executor,cpu,kernel";

    private final Path file;
    private final Map<Integer, String> rows = new LinkedHashMap<>();
    private final Writer out;

    /** Opens the run's file, keeping the rows of {@code completed} trials only. */
    PlacementCsv(Path directory, Set<Integer> completed) {
        this.file = directory.resolve(FILE);
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int comma = line.indexOf(',');
                    if (comma > 0 && line.substring(0, comma).matches("\\d+")) {
                        int trial = Integer.parseInt(line.substring(0, comma));
                        if (completed.contains(trial)) {
                            rows.put(trial, line); // the last attempt of a trial is the committed one
                        }
                    }
                }
            }
            rewrite(new ArrayList<>(rows.entrySet()));
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Appends one trial's row and flushes it. */
    void write(int trial, Placement placement) {
        String line = trial + "," + cell(placement.host()) + "," + cell(placement.executor()) + "," + cell(placement.cpu())
                + "," + cell(placement.kernel());
        rows.put(trial, line);
        try {
            out.write(line + "\n");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Closes the file and rewrites it sorted by trial, one row each. */
    void finish() {
        close();
        List<Map.Entry<Integer, String>> sorted = new ArrayList<>(rows.entrySet());
        sorted.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        try {
            rewrite(sorted);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private void rewrite(List<Map.Entry<Integer, String>> entries) throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), ".placement", ".tmp");
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Map.Entry<Integer, String> entry : entries) {
            text.append(entry.getValue()).append('\n');
        }
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** RFC 4180 quoting when the value holds a comma, quote or line break. */
    static String cell(String value) {
        return value.matches("[^,\"\\r\\n]*") ? value : "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
