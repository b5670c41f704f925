package org.optbench.reports.csv;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.apache.commons.csv.CSVFormat;
import org.optbench.reports.ReportException;

/**
 * How values are spelled in every CSV file of a run: doubles as {@link Double#toString(double)} (the shortest
 * text that parses back to the same double), NaN as an empty cell, line separator {@code \n}, quotes only where
 * a cell needs them (component strings contain commas).
 */
public final class Cells {
    /** The one CSV dialect of optbench: RFC 4180 quoting, {@code \n} between records. */
    public static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    private Cells() {
    }

    /** A double as written in a cell: empty for NaN, otherwise {@link Double#toString(double)}. */
    public static String number(double value) {
        return Double.isNaN(value) ? "" : Double.toString(value);
    }

    /** A float32 value exactly as stored (parameters are float32; printing them as doubles would add noise digits). */
    public static String number(float value) {
        return Float.isNaN(value) ? "" : Float.toString(value);
    }

    /** Free text made safe for a one-record-per-line file (resume relies on it to find a torn last line). */
    public static String text(String value) {
        return value == null ? "" : value.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }

    /**
     * Writes {@code content} to {@code target} so that a reader never sees a half-written file: into a temporary
     * file beside it, then a move over the target (atomic where the file system allows it).
     */
    public static void writeAtomically(Path target, String content) {
        Path directory = target.toAbsolutePath().getParent();
        if (Files.isDirectory(target)) {
            throw new ReportException("cannot write " + target + ": it is a folder; give a file name");
        }
        try {
            Files.createDirectories(directory);
        } catch (FileAlreadyExistsException e) {
            throw new ReportException("cannot write " + target + ": " + e.getFile() + " is a file, not a folder", e);
        } catch (IOException e) {
            throw new ReportException("cannot write " + target + ": cannot create the folder " + directory + " ("
                    + reason(e) + ")", e);
        }
        try {
            Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
            try {
                try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                    writer.write(content);
                }
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException notSupported) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            // The exception names the temporary file beside the target; the user needs the reason and the folder.
            throw new ReportException("cannot write " + target + " (" + reason(e) + " in " + directory + ")", e);
        }
    }

    /** Why an I/O operation failed, without the path it names (the caller names the file the user asked for). */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileSystemException fileSystem) {
            return fileSystem.getReason() != null ? fileSystem.getReason() : e.getClass().getSimpleName();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
