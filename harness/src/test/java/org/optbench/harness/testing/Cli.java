package org.optbench.harness.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.optbench.harness.cli.Main;

/** Runs the command line in-process and captures its output. */
public final class Cli {

    /** Exit code, standard output and standard error of one invocation. */
    public record Result(int code, String out, String err) {
    }

    private Cli() {
    }

    /**
     * Runs a command that must be refused as a user mistake: exit 2 and one line {@code optbench: ...} on standard
     * error, without a stack trace. Returns that line.
     */
    public static String userError(String... args) {
        Result result = run(args);
        assertEquals(2, result.code(), "exit code; stderr: " + result.err() + " stdout: " + result.out());
        String message = result.err().strip();
        assertFalse(message.contains("\n"), "one line only: " + message);
        assertFalse(message.contains("Exception") || message.contains("\tat "), "no stack trace: " + message);
        assertTrue(message.startsWith("optbench: "), message);
        return message;
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
