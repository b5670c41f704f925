package org.optbench.reports.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.optbench.reports.ReportException;

/**
 * A strict reader of one CSV file: checks the header, the column count of every row, and converts cells with
 * errors that name the file, the line and the column ({@code trials.csv:7: column 13 (train_loss): cannot parse
 * 'abc' as a number}). Shared by every reader of this module.
 */
public final class CsvRows {
    private final String source;
    private final List<String> header;
    private final List<Row> rows;

    private CsvRows(String source, List<String> header, List<Row> rows) {
        this.source = source;
        this.header = header;
        this.rows = rows;
    }

    /** Reads {@code file}, requiring exactly {@code expectedHeader}. */
    public static CsvRows read(Path file, List<String> expectedHeader) {
        return read(file, expectedHeader::equals, String.join(",", expectedHeader));
    }

    /**
     * Reads {@code file}, requiring a header accepted by {@code headerCheck}.
     *
     * @param describedHeader the expected header as shown in the error message
     */
    public static CsvRows read(Path file, Predicate<List<String>> headerCheck, String describedHeader) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ReportException(file + ": file not found");
        } catch (IOException e) {
            throw new ReportException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(file.toString(), content, headerCheck, describedHeader);
    }

    /** Parses {@code content} as if read from a file named {@code source}. */
    public static CsvRows parse(String source, String content, Predicate<List<String>> headerCheck,
            String describedHeader) {
        try (Reader reader = new StringReader(content); CSVParser parser = CSVParser.parse(reader, Cells.FORMAT)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new ReportException(source + ": empty file; expected the header " + describedHeader);
            }
            CSVRecord headerRecord = records.next();
            List<String> header = headerRecord.toList();
            if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
                header.set(0, header.get(0).substring(1));
            }
            if (!headerCheck.test(header)) {
                throw new ReportException(source + ":1: unexpected header " + String.join(",", header)
                        + "; expected " + describedHeader + " (is this the right file?)");
            }
            List<Row> rows = new ArrayList<>();
            long previousLine = parser.getCurrentLineNumber();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                long line = previousLine + 1;
                previousLine = parser.getCurrentLineNumber();
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    continue; // a blank line, e.g. a trailing one added by an editor
                }
                if (record.size() != header.size()) {
                    throw new ReportException(source + ":" + line + ": expected " + header.size()
                            + " columns, found " + record.size());
                }
                rows.add(new Row(source, line, header, record.toList()));
            }
            return new CsvRows(source, List.copyOf(header), List.copyOf(rows));
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new ReportException(source + ": malformed CSV: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ReportException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    public String source() {
        return source;
    }

    public List<String> header() {
        return header;
    }

    public List<Row> rows() {
        return rows;
    }

    /** One data row with typed, checked access to its cells. */
    public static final class Row {
        private final String source;
        private final long line;
        private final List<String> header;
        private final List<String> cells;

        Row(String source, long line, List<String> header, List<String> cells) {
            this.source = source;
            this.line = line;
            this.header = header;
            this.cells = cells;
        }

        public long line() {
            return line;
        }

        /** The number of cells. */
        public int size() {
            return cells.size();
        }

        public String text(int column) {
            return cells.get(column);
        }

        /** A double; an empty cell is NaN. */
        public double number(int column) {
            String cell = cells.get(column).trim();
            if (cell.isEmpty()) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw error(column, "cannot parse '" + cell + "' as a number");
            }
        }

        /** A float; an empty cell is NaN. */
        public float floatNumber(int column) {
            String cell = cells.get(column).trim();
            if (cell.isEmpty()) {
                return Float.NaN;
            }
            try {
                return Float.parseFloat(cell);
            } catch (NumberFormatException e) {
                throw error(column, "cannot parse '" + cell + "' as a number");
            }
        }

        public long integer(int column) {
            String cell = cells.get(column).trim();
            try {
                return Long.parseLong(cell);
            } catch (NumberFormatException e) {
                throw error(column, "cannot parse '" + cell + "' as an integer");
            }
        }

        public int smallInteger(int column) {
            long value = integer(column);
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw error(column, "integer " + value + " out of range");
            }
            return (int) value;
        }

        /** An error located at this row and {@code column} (0-based; shown 1-based with its name). */
        public ReportException error(int column, String problem) {
            return new ReportException(source + ":" + line + ": column " + (column + 1) + " (" + header.get(column)
                    + "): " + problem);
        }
    }
}
