package org.optbench.harness.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.optbench.harness.UserError;
import org.optbench.reports.Reports;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code optbench report RUN_DIR}. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Regenerates summary.csv, the figures and report.md of a run directory from its CSV files alone.")
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "the run directory")
    Path runDirectory;

    @Option(names = "--format", paramLabel = "FORMATS", description = "figure formats: png,svg,pdf (default: png)")
    String formats = "png";

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() {
        if (!Files.isDirectory(runDirectory)) {
            throw new UserError("report: " + runDirectory + " is not a folder; give a run directory (runs/<name>-<time>)");
        }
        Reports.Report report = Reports.rebuild(runDirectory, RunCommand.parseFormats(formats));
        spec.commandLine().getOut().println("report: " + report.report() + " (" + report.figures().size() + " figures)");
        return 0;
    }
}
