package org.optbench.harness.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.optbench.harness.UserError;
import org.optbench.reports.compare.CompareOptions;
import org.optbench.reports.compare.Comparison;
import org.optbench.reports.compare.ComparisonResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code optbench compare BASELINE CANDIDATE}: the nightly regression verdict. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compares a candidate run with a baseline run and says whether it regressed.",
                "Configuration by configuration: Welch's test with a minimum effect, Holm-adjusted; seconds per epoch;",
                "failed trials. Exit 0: no regression, 1: a regression, 2: unusable input. Writes the table to",
                "CANDIDATE/compare.md (or --markdown)."})
final class CompareCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASELINE", description = "the baseline run directory")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CANDIDATE", description = "the candidate run directory")
    Path candidate;

    @Option(names = "--alpha", paramLabel = "P", description = "significance level of the Welch test, in (0, 1) (default: ${DEFAULT-VALUE})")
    double alpha = CompareOptions.defaults().alpha();

    @Option(names = "--min-accuracy-drop", paramLabel = "D", description = "smallest absolute accuracy drop that counts (default: ${DEFAULT-VALUE})")
    double minAccuracyDrop = CompareOptions.defaults().minAccuracyDrop();

    @Option(names = "--min-loss-increase", paramLabel = "R", description = "smallest relative loss rise that counts (default: ${DEFAULT-VALUE})")
    double minLossIncrease = CompareOptions.defaults().minLossIncrease();

    @Option(names = "--max-time-ratio", paramLabel = "R", description = "largest acceptable ratio of seconds per epoch (default: ${DEFAULT-VALUE})")
    double maxTimeRatio = CompareOptions.defaults().maxTimeRatio();

    @Option(names = "--markdown", paramLabel = "FILE", description = "where to write the markdown table (default: CANDIDATE/compare.md)")
    Path markdown;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() {
        CompareOptions options;
        try {
            options = new CompareOptions(alpha, minAccuracyDrop, minLossIncrease, maxTimeRatio);
        } catch (IllegalArgumentException e) {
            throw new UserError("compare: " + e.getMessage());
        }
        ComparisonResult result = Comparison.compare(baseline, candidate, options);
        if (result.exitCode() == 2) {
            throw new UserError("compare: " + result.summaryLine());
        }
        var out = spec.commandLine().getOut();
        out.print(result.toText());
        Path file = markdown != null ? markdown : candidate.resolve("compare.md");
        result.writeMarkdown(file);
        out.println("wrote " + file);
        out.flush();
        return result.exitCode();
    }
}
