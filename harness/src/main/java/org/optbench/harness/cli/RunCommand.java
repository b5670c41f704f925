package org.optbench.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.optbench.harness.UserError;
import org.optbench.harness.run.ExperimentRunner;
import org.optbench.harness.run.Progress;
import org.optbench.harness.trial.LocalTrialExecutor;
import org.optbench.harness.wiring.Registry;
import org.optbench.harness.wiring.Wiring;
import org.optbench.reports.RunFiles;
import org.optbench.reports.TrialStatus;
import org.optbench.reports.figures.FigureFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code optbench run}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs every trial of an experiment and writes a run directory (CSV files, figures, report.md).",
                "Without FILE it runs the bundled quickstart experiment."})
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "the experiment file (YAML)")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "the run folder (default: runs/<name>-<yyyyMMdd-HHmmss>)")
    Path out;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "overrides an experiment key (repeatable), e.g. --set epochs=2 --set \"optimizer=adam(lr=0.01)\"")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "threads for the run: trials run in parallel, and while fewer trials than threads run, each splits its batches over threads / running trials; results do not depend on it (default: all cores, ${DEFAULT-VALUE})")
    int threads = LocalTrialExecutor.defaultThreads();

    @Option(names = "--resume", description = "finish the run in --out DIR: only the missing trials run")
    boolean resume;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "folder of downloaded data sets (default: $OPTBENCH_DATA, else data/ in the repository)")
    Path dataDirectory;

    @Option(names = "--format", paramLabel = "FORMATS", description = "figure formats of the report: png,svg,pdf (default: png)")
    String formats = "png";

    @Option(names = "--no-report", negatable = false, description = "skip summary, figures and report.md (build them later with optbench report)")
    boolean noReport;

    @Option(names = "--dry-run", description = "check the experiment, the output folder and the data, list the trials, run nothing")
    boolean dryRun;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter console = spec.commandLine().getOut();
        var figureFormats = parseFormats(formats);
        Registry registry = Wiring.registry(common.modules);
        Progress progress = new Progress(console, System.console() != null);
        ExperimentRunner runner = new ExperimentRunner(registry, progress);
        ExperimentRunner.Outcome outcome = runner.run(new ExperimentRunner.Options(file, out, overrides,
                threads, resume, dataDirectory, common.modules, figureFormats, !noReport, dryRun));
        if (dryRun) {
            console.println("dry run: " + outcome.trials() + " trials would run into " + outcome.runDirectory() + "; nothing written");
            return 0;
        }
        StringBuilder counts = new StringBuilder();
        for (Map.Entry<TrialStatus, Integer> entry : outcome.statuses().entrySet()) {
            counts.append(counts.length() == 0 ? "" : ", ").append(entry.getValue()).append(' ').append(entry.getKey().key());
        }
        console.println("ran " + outcome.ranNow() + " of " + outcome.trials() + " trials" + (counts.length() == 0 ? "" : " (" + counts + ")"));
        console.println("run directory: " + outcome.runDirectory());
        if (outcome.reportProblem() != null) {
            spec.commandLine().getErr().println("optbench: the report could not be built: " + outcome.reportProblem()
                    + "; the CSV files are complete, fix the problem and run optbench report " + outcome.runDirectory());
            return 1;
        }
        if (!noReport) {
            console.println("report: " + outcome.runDirectory().resolve(RunFiles.REPORT));
        }
        return 0;
    }

    static java.util.Set<FigureFormat> parseFormats(String text) {
        try {
            return FigureFormat.parseList(text);
        } catch (IllegalArgumentException e) {
            throw new UserError("--format " + text + ": " + e.getMessage());
        }
    }
}
