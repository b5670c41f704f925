package org.optbench.datasets;

import java.nio.file.Path;

/**
 * A data file or data fetch that cannot be used, with one message naming the file (or command), what is wrong
 * and how to fix it. Thrown instead of returning garbage data; callers show {@link #getMessage()} to the user
 * without a stack trace.
 */
public final class DataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;
    private final String fix;

    /**
     * @param file the file concerned, or {@code null} when the problem is not about one file (a failed command)
     * @param problem what is wrong, e.g. {@code truncated: 47040016 bytes expected, found 1000}
     * @param fix what the user should do, e.g. {@code delete it and run ./optbench data fetch mnist}
     */
    public DataException(Path file, String problem, String fix) {
        this(file, problem, fix, null);
    }

    /** As {@link #DataException(Path, String, String)}, keeping the low-level cause for debugging. */
    public DataException(Path file, String problem, String fix, Throwable cause) {
        super((file == null ? "" : file + ": ") + problem + ". Fix: " + fix, cause);
        this.file = file;
        this.problem = problem;
        this.fix = fix;
    }

    /** The file concerned, or {@code null}. */
    public Path file() {
        return file;
    }

    /** What is wrong, without the file name and fix. */
    public String problem() {
        return problem;
    }

    /** How to fix it. */
    public String fix() {
        return fix;
    }

    /** The same problem with a fix that fits the caller's context (a cached file is re-fetched, a user's is replaced). */
    public DataException withFix(String newFix) {
        return new DataException(file, problem, newFix, getCause() == null ? this : getCause());
    }
}
