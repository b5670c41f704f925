package org.optbench.harness.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.optbench.datasets.DataException;
import org.optbench.harness.UserError;
import org.optbench.harness.run.Provenance;
import org.optbench.reports.ReportException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code optbench} command line. Exit codes: 0 success; 1 a regression ({@code compare}) or a run whose
 * report could not be built; 2 a user mistake (bad option, experiment, folder or data), printed as one line;
 * 3 an internal error (a short message; {@code --verbose} adds the stack trace).
 */
@Command(name = "optbench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Compares optimization algorithms in seeded, repeated, reproducible trials.",
        subcommands = {RunCommand.class, TraceCommand.class, ListCommand.class, DataCommand.class, ReportCommand.class,
                CompareCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code of a user mistake. */
    public static final int USER_ERROR = 2;
    /** Exit code of an internal error. */
    public static final int INTERNAL_ERROR = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        int code = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if ("1".equals(System.getenv(STDERR_FILTER))) {
            awaitStderrFilter();
        }
        System.exit(code);
    }

    /** Set by the {@code ./optbench} launcher when standard error goes through its filter process. */
    static final String STDERR_FILTER = "OPTBENCH_STDERR_FILTER";

    /**
     * Closes standard error and waits (at most 2 s) for the launcher's filter, a child of this process, to pass the
     * last lines on: without it the shell could show its prompt, or a script read the error file, before them.
     */
    private static void awaitStderrFilter() {
        System.err.flush();
        System.err.close();
        ProcessHandle.current().children().forEach(child -> {
            try {
                child.onExit().get(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // exit anyway: a filter that hangs must not keep the run from ending
            }
        });
    }

    /** Runs the command line with the given output streams; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine command = exception.getCommandLine();
            err.println("optbench: " + exception.getMessage() + " (see " + command.getCommandSpec().qualifiedName() + " --help)");
            err.flush();
            return USER_ERROR;
        });
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            String message = userMessage(exception);
            if (message != null) {
                err.println("optbench: " + message);
                if (verbose) {
                    exception.printStackTrace(err);
                }
                err.flush();
                return USER_ERROR;
            }
            err.println("optbench: internal error: " + exception + (verbose ? "" : " (run with --verbose for the stack trace)"));
            if (verbose) {
                exception.printStackTrace(err);
            }
            err.flush();
            return INTERNAL_ERROR;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The one-line message of a user mistake, or null for an internal error. */
    private static String userMessage(Throwable exception) {
        if (exception instanceof UserError || exception instanceof ReportException) {
            return exception.getMessage();
        }
        if (exception instanceof DataException data) {
            return data.getMessage();
        }
        return null;
    }

    /** {@code --version}: optbench's version and the JVM. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"optbench " + Provenance.version() + " (Java " + System.getProperty("java.version") + ")"};
        }
    }
}
