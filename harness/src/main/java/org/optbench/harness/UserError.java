package org.optbench.harness;

/**
 * A mistake the user can fix: a bad experiment file, an unknown name, an unwritable folder. The CLI prints its
 * message as one line, without a stack trace, and exits with a non-zero code.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
