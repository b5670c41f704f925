package org.optbench.reports;

/**
 * A run directory or one of its files cannot be used: missing, malformed or foreign. The message says which file
 * (and where possible which line and column) and what to do; it is meant to be shown to the user as is.
 */
public final class ReportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
