package org.optbench.harness.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.optbench.harness.UserError;
import org.optbench.reports.ReportException;
import org.optbench.reports.compare.CompareOptions;
import org.optbench.reports.compare.Comparison;
import org.optbench.reports.compare.ComparisonResult;
import org.optbench.reports.compare.TimeMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code optbench compare BASELINE CANDIDATE}: the nightly regression verdict. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compares a candidate run with a baseline run of the same experiment.",
                "Per configuration: the primary metric (the target's, else test accuracy or",
                "loss) with a one-sided test (paired t on per-seed differences when the runs",
                "share seeds, else Welch), a minimum effect and Holm's adjustment; the other",
                "metrics with their intervals; seconds per epoch (Mann-Whitney on the log",
                "scale, minimum ratio); missing and failed trials. Runs whose settings or data",
                "differ are refused. Two tuned studies: only their final trials, matched by",
                "optimizer and problem whatever rate each selected; a changed selection is",
                "printed, not failed (a tuned study against a plain run is refused). Exit 0:",
                "no regression; 1: a metric regression, missing or failed trials; 2: unusable",
                "input; 4: only time regressed (--time fail). Writes the table to",
                "CANDIDATE/compare.md (or --markdown)."})
final class CompareCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASELINE", description = "the baseline run directory")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CANDIDATE", description = "the candidate run directory")
    Path candidate;

    @Option(names = "--alpha", paramLabel = "P", description = "significance level of the one-sided tests, in (0, 1) (default: ${DEFAULT-VALUE})")
    double alpha = CompareOptions.defaults().alpha();

    @Option(names = "--min-accuracy-drop", paramLabel = "D", description = "smallest absolute accuracy drop that counts (default: ${DEFAULT-VALUE})")
    double minAccuracyDrop = CompareOptions.defaults().minAccuracyDrop();

    @Option(names = "--min-loss-increase", paramLabel = "R", description = "smallest relative loss rise that counts (default: ${DEFAULT-VALUE})")
    double minLossIncrease = CompareOptions.defaults().minLossIncrease();

    @Option(names = {"--min-time-ratio", "--max-time-ratio"}, paramLabel = "R", description = "smallest ratio of median seconds per epoch that counts as slower (default: ${DEFAULT-VALUE})")
    double minTimeRatio = CompareOptions.defaults().minTimeRatio();

    @Option(names = "--time", paramLabel = "MODE", description = "fail: a time regression exits 4 (default); warn: it is printed and does not change the exit code")
    String time = TimeMode.FAIL.key();

    @Option(names = "--allow-missing", description = "do not fail on configurations (tuned studies: optimizers) or trials missing from the candidate")
    boolean allowMissing;

    @Option(names = "--allow-different-data", description = "compare runs whose trials drew different data (data seeds)")
    boolean allowDifferentData;

    @Option(names = "--allow-different-settings", description = "compare runs whose experiment settings (epochs, steps, batch, data options, a tuned study's method, budget and search spaces...) differ")
    boolean allowDifferentSettings;

    @Option(names = "--markdown", paramLabel = "FILE", description = "where to write the markdown table (default: CANDIDATE/compare.md)")
    Path markdown;

    @Option(names = "--failed-checks", paramLabel = "FILE", description = "also write the failed checks as CSV (configuration,metric,kind,effect,p), for scripts/nightly.sh")
    Path failedChecks;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() {
        CompareOptions options;
        try {
            options = new CompareOptions(alpha, minAccuracyDrop, minLossIncrease, minTimeRatio, TimeMode.parse(time),
                    allowMissing, allowDifferentData, allowDifferentSettings);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage().startsWith("compare: ") ? e.getMessage() : "compare: " + e.getMessage());
        }
        ComparisonResult result = Comparison.compare(baseline, candidate, options);
        if (result.exitCode() == 2) {
            throw new UserError("compare: " + result.summaryLine());
        }
        var out = spec.commandLine().getOut();
        out.print(result.toText());
        Path file = markdown != null ? markdown : candidate.resolve("compare.md");
        try {
            result.writeMarkdown(file);
            out.println("wrote " + file);
            if (failedChecks != null) {
                result.writeFailedChecks(failedChecks);
            }
        } catch (ReportException e) {
            throw new UserError("compare: " + e.getMessage());
        }
        out.flush();
        return result.exitCode();
    }
}
