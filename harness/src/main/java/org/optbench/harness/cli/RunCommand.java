package org.optbench.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import org.optbench.harness.UserError;
import org.optbench.harness.run.ExperimentRunner;
import org.optbench.harness.run.Progress;
import org.optbench.harness.trial.ClusterExecutors;
import org.optbench.harness.trial.LocalTrialExecutor;
import org.optbench.harness.wiring.Plugins;
import org.optbench.harness.trial.TrialExecutor;
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

    @Option(names = "--threads", paramLabel = "N", description = "threads for the run: trials run in parallel, and when a run has fewer trials than threads, each splits its batches over threads / trials; results do not depend on it (default: all cores, ${DEFAULT-VALUE})")
    int threads = LocalTrialExecutor.defaultThreads();

    @Option(names = "--resume", description = "finish the run in --out DIR: only the missing trials run")
    boolean resume;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "folder of downloaded data sets (default: $OPTBENCH_DATA, else data/ in the repository)")
    Path dataDirectory;

    @Option(names = "--format", paramLabel = "FORMATS", description = "figure formats of the report: png,svg,pdf (default: png)")
    String formats = "png";

    @Option(names = "--no-report", negatable = false, description = "skip summary, figures and report.md (build them later with optbench report)")
    boolean noReport;

    @Option(names = "--warmup", paramLabel = "SECONDS", description = "untimed warm-up before the timed trials: this long for"
            + " the first trial of each data set, model and batch, a tenth of it for each other optimizer, schedule and"
            + " regularizer combination; 0 turns it off"
            + " (default: ${DEFAULT-VALUE})")
    double warmupSeconds = 0.5;

    @Option(names = "--max-trials", paramLabel = "N",
            description = "refuse experiments with more trials than this, counted before any is built (default: ${DEFAULT-VALUE})")
    long maxTrials = ExperimentRunner.DEFAULT_MAX_TRIALS;

    @Option(names = "--executor", paramLabel = "local|spark", description = "where trials run: local threads (default) or"
            + " an Apache Spark cluster, which ./optbench adds to the classpath (docs/spark.md)")
    String executorName = "local";

    @Option(names = "--master", paramLabel = "URL", description = "with --executor spark: local[N], local-cluster[W,C,MB] or"
            + " spark://host:7077 (default: local[*])")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "with --executor spark: a Spark setting (repeatable),"
            + " e.g. --conf spark.executor.memory=2g")
    List<String> conf = new ArrayList<>();

    @Option(names = "--dry-run", description = "check the experiment, the output folder and the data, list the trials, run nothing")
    boolean dryRun;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter console = spec.commandLine().getOut();
        var figureFormats = parseFormats(formats);
        if (!(warmupSeconds >= 0) || Double.isInfinite(warmupSeconds)) {
            throw new UserError("--warmup must be a number of seconds >= 0 (0 turns the warm-up off), got " + warmupSeconds);
        }
        Registry registry = Wiring.registry(common.modules);
        registry = registry.withUnknownNameHint(Plugins.unknownNameHint(System.getenv("OPTBENCH_CLASSPATH"),
                registry.plugins(), resume && out != null ? Plugins.recordedModules(out) : List.of()));
        Progress progress = new Progress(console, System.console() != null, common.verbose);
        ExperimentRunner runner = new ExperimentRunner(registry, progress, clusterExecutor());
        ExperimentRunner.Outcome outcome = runner.run(new ExperimentRunner.Options(file, out, overrides,
                threads, resume, dataDirectory, common.modules, figureFormats, !noReport, dryRun, warmupSeconds, maxTrials));
        if (outcome.stopped()) {
            // A signal stopped the run and the JVM is exiting with 128 + the signal; this code is not what it reports.
            return 128 + 15;
        }
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

    /** The cluster executor --executor names, or null for local threads. */
    private TrialExecutor clusterExecutor() {
        if (executorName.equals("local")) {
            if (master != null || !conf.isEmpty()) {
                throw new UserError("--master and --conf configure a cluster; add --executor spark, or drop them to run on local threads");
            }
            return null;
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String entry : conf) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new UserError("--conf " + entry + ": expected KEY=VALUE, e.g. --conf spark.executor.memory=2g");
            }
            settings.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
        }
        for (ClusterExecutors engine : ServiceLoader.load(ClusterExecutors.class)) {
            if (engine.name().equals(executorName)) {
                return engine.create(master, settings);
            }
        }
        if (executorName.equals("spark")) {
            throw new UserError("--executor spark: the Spark executor is not on the classpath; start the run with ./optbench,"
                    + " which builds the spark module and adds it when --executor spark is given (docs/spark.md)");
        }
        throw new UserError("--executor " + executorName + ": unknown executor; use local or spark");
    }

    static java.util.Set<FigureFormat> parseFormats(String text) {
        try {
            return FigureFormat.parseList(text);
        } catch (IllegalArgumentException e) {
            throw new UserError("--format " + text + ": " + e.getMessage());
        }
    }
}
