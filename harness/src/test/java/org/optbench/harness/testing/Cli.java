package org.optbench.harness.testing;

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

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
