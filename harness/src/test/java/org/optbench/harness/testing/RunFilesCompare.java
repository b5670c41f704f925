package org.optbench.harness.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads run CSV files with their time columns blanked, for byte comparisons of two runs. */
public final class RunFilesCompare {
    /** Columns holding wall-clock times, which differ between runs by nature. */
    public static final Set<String> TIME_COLUMNS = Set.of("elapsed_s", "wall_s", "s_per_epoch", "time_to_target_s");

    private RunFilesCompare() {
    }

    /** The file's lines with every time column's cells replaced by {@code *}. */
    public static List<String> withoutTimes(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> result = new ArrayList<>();
        if (lines.isEmpty()) {
            return result;
        }
        String[] header = lines.get(0).split(",", -1);
        result.add(lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = splitCsv(line);
            for (int i = 0; i < header.length && i < cells.size(); i++) {
                if (TIME_COLUMNS.contains(header[i])) {
                    cells.set(i, "*");
                }
            }
            result.add(String.join("|", cells));
        }
        return result;
    }

    /** Splits one CSV line, honouring double quotes. */
    static List<String> splitCsv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                cell.append(c);
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
