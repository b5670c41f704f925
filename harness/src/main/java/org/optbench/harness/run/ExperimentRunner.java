package org.optbench.harness.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.optbench.datasets.DataDirectory;
import org.optbench.datasets.DataException;
import org.optbench.datasets.Dataset;
import org.optbench.datasets.functions.TestFunction;
import org.optbench.harness.UserError;
import org.optbench.harness.config.Experiment;
import org.optbench.harness.config.ExperimentFile;
import org.optbench.harness.config.ExperimentParser;
import org.optbench.harness.config.Plan;
import org.optbench.harness.config.RawValue;
import org.optbench.harness.trial.DataProvider;
import org.optbench.harness.trial.LocalTrialExecutor;
import org.optbench.harness.trial.Target;
import org.optbench.harness.trial.Trial;
import org.optbench.harness.trial.TrialExecutor;
import org.optbench.harness.trial.TrialResult;
import org.optbench.harness.trial.TrialRunner;
import org.optbench.harness.trial.TrialSeeds;
import org.optbench.harness.trial.WarmUps;
import org.optbench.harness.trial.WorkerSetup;
import org.optbench.harness.wiring.DataOptions;
import org.optbench.harness.wiring.FunctionProblem;
import org.optbench.harness.wiring.Registry;
import org.optbench.optimizers.regularizers.Dropout;
import org.optbench.reports.ReportException;
import org.optbench.reports.Reports;
import org.optbench.reports.RunFiles;
import org.optbench.reports.TrialStatus;
import org.optbench.reports.csv.LandscapeCsv;
import org.optbench.reports.csv.RunReader;
import org.optbench.reports.csv.RunWriter;
import org.optbench.reports.csv.TraceCsv;
import org.optbench.reports.figures.FigureFormat;
import org.optbench.reports.tuning.SelectionCsv;

/**
 * {@code optbench run}: checks the experiment and the output folder, loads the data, then runs every missing
 * trial and writes the run directory. All user mistakes surface as {@link UserError}s before any trial starts
 * and before anything in the output folder is changed.
 */
public final class ExperimentRunner {
    /** The bundled quickstart experiment, also at {@code experiments/quickstart.yaml}. */
    public static final String QUICKSTART_RESOURCE = "/org/optbench/harness/quickstart.yaml";
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /**
     * What to run and where.
     *
     * @param experimentFile the experiment, or {@code null} for the bundled quickstart
     * @param out the run folder, or {@code null} for {@code runs/<name>-<yyyyMMdd-HHmmss>}
     * @param overrides {@code --set key=value} assignments
     * @param threads worker threads, at least 1
     * @param resume finish the run in {@code out} instead of starting one
     * @param dataDirectory the data folder, or {@code null} for the default resolution
     * @param modules user Guice modules given with {@code --module} (recorded in the manifest)
     * @param formats figure formats of the report
     * @param report whether to build summary, figures and report.md after the trials
     * @param dryRun check everything and list the trials, but run and write nothing
     * @param warmupSeconds untimed JIT warm-up before the trials ({@code --warmup}), 0 for none
     * @param maxTrials the most trials an experiment may have ({@code --max-trials}), checked before they are built
     */
    public record Options(Path experimentFile, Path out, List<String> overrides, int threads, boolean resume,
            Path dataDirectory, List<String> modules, Set<FigureFormat> formats, boolean report, boolean dryRun,
            double warmupSeconds, long maxTrials) {
        public Options {
            overrides = List.copyOf(overrides);
            modules = List.copyOf(modules);
            formats = Set.copyOf(formats);
        }
    }

    /** The default of {@code --max-trials}: far above any sensible grid, far below what exhausts the memory. */
    public static final long DEFAULT_MAX_TRIALS = 100_000;

    /**
     * How the run ended.
     *
     * @param stopped whether SIGINT or SIGTERM stopped it; the folder is then resumable and the JVM is exiting
     */
    public record Outcome(Path runDirectory, int trials, int ranNow, Map<TrialStatus, Integer> statuses, String reportProblem,
            boolean stopped) {
    }

    private final Registry registry;
    private final Progress progress;
    private final TrialExecutor cluster;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ExperimentRunner(Registry registry, Progress progress) {
        this(registry, progress, null);
    }

    /**
     * A runner whose trials run on {@code cluster} (e.g. Spark), or on {@link Options#threads()} local threads when it
     * is null. A cluster's workers wire themselves from {@link Options#modules()} (class names), never from
     * {@code registry}.
     */
    public ExperimentRunner(Registry registry, Progress progress, TrialExecutor cluster) {
        this.registry = registry;
        this.progress = progress;
        this.cluster = cluster;
    }

    /** Reads and checks the experiment (the quickstart when the file is null). */
    public Plan load(Path file, List<String> overrides) {
        if (file == null) {
            try (InputStream in = ExperimentRunner.class.getResourceAsStream(QUICKSTART_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the bundled quickstart experiment is missing from the jar");
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new ExperimentParser(registry).parsePlan(ExperimentFile.parse(text, "quickstart.yaml (bundled)"), overrides,
                        "quickstart.yaml (bundled)", "quickstart");
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the bundled quickstart experiment", e);
            }
        }
        Map<String, RawValue> raw = ExperimentFile.read(file);
        String stem = file.getFileName().toString().replaceFirst("\\.(ya?ml)$", "");
        return new ExperimentParser(registry).parsePlan(raw, overrides, file.toString(), stem);
    }

    /** Runs (or resumes) the experiment. */
    public Outcome run(Options options) throws InterruptedException {
        if (options.threads() < 1) {
            throw new UserError("--threads must be at least 1, got " + options.threads());
        }
        if (options.maxTrials() < 1) {
            throw new UserError("--max-trials must be at least 1, got " + options.maxTrials());
        }
        Plan plan = load(options.experimentFile(), options.overrides());
        Experiment experiment = plan.parts().get(0);
        Map<String, Object> config = plan.resolvedConfig();
        String fingerprint = fingerprint(config);
        Path directory = options.out() != null ? options.out()
                : Path.of("runs", experiment.name() + "-" + LocalDateTime.now().format(FOLDER_TIME));
        if (options.resume() && options.out() == null) {
            throw new UserError("--resume needs --out DIR, the run folder to finish");
        }
        // Counted before the trials are built: a mistyped repeats must not exhaust the memory first.
        long planned = plan.trialCount(registry::isFunction);
        if (planned > options.maxTrials()) {
            throw new UserError(plan.source() + ": the experiment has " + String.format(Locale.ROOT, "%,d", planned)
                    + " trials (" + plan.countDescription(registry::isFunction) + "), more than the limit of "
                    + String.format(Locale.ROOT, "%,d", options.maxTrials()) + "; lower repeats or an axis, or raise the"
                    + " limit with --max-trials");
        }
        checkDirectory(directory, options.resume(), fingerprint);
        checkWritableAncestor(directory);

        DataOptions dataOptions = new DataOptions(options.dataDirectory(), experiment.validation(), experiment.subset(),
                experiment.standardize(), experiment.dataSeed());
        Map<String, Dataset> data = new ConcurrentHashMap<>();
        for (Experiment part : plan.parts()) {
            loadData(part, dataOptions, data);
        }
        List<Trial> trials = plan.trials(registry::isFunction);
        if (trials.isEmpty()) {
            throw new UserError(plan.source() + ": the grid is empty; give at least one data set, model and optimizer");
        }
        Study study = new Study(plan, trials);
        trials = study.firstPhase(); // under successive halving, at the lowest rung's length
        if (options.dryRun()) {
            for (Trial trial : trials) {
                progress.info("trial " + trial.id() + ": " + trial.identity() + " repeat " + trial.repeat() + " seed "
                        + trial.seed() + " data seed " + trial.dataSeed() + (study.tuned() ? " (" + study.phase(trial.id())
                        + ", " + trial.settings().epochs() + (trial.settings().epochs() == 1 ? " epoch)" : " epochs)") : ""));
            }
            if (study.laterTuningCount() > 0) {
                long[] epochs = study.tuningEpochs();
                progress.info("then " + study.laterTuningCount() + " tuning trials at higher rungs of successive halving,"
                        + " each wave planned from the rows of the one before; " + epochs[0] + " tuning epochs in all ("
                        + epochs[1] + " without halving)");
            }
            if (study.finalCount() > 0) {
                progress.info("then " + study.finalCount() + " final trials (trials " + (study.totalTrials() - study.finalCount()) + "-"
                        + (study.totalTrials() - 1) + "), each selected configuration on fresh seeds, planned once tuning is complete");
            }
            return new Outcome(directory, study.totalTrials(), 0, new EnumMap<>(TrialStatus.class), null, false);
        }
        writableDirectory(directory);
        try (RunLock lock = RunLock.acquire(directory)) {
            // Checked again under the lock: another process may have started here since the first check.
            Map<String, Object> previous = checkDirectory(directory, options.resume(), fingerprint);
            return runTrials(options, plan, study, config, fingerprint, directory, previous, dataOptions, data, trials);
        }
    }

    private Outcome runTrials(Options options, Plan plan, Study study, Map<String, Object> config, String fingerprint, Path directory,
            Map<String, Object> previous, DataOptions dataOptions, Map<String, Dataset> data, List<Trial> trials)
            throws InterruptedException {
        String started = OffsetDateTime.now().toString();
        int total = study.totalTrials();
        Map<String, Object> manifest = manifest(plan, config, fingerprint, total, options, previous, started);
        RunWriter writer;
        Journal journal;
        if (options.resume()) {
            // Refuses (and changes nothing) when a row does not belong to the plan; drops trials with lost rows. A
            // tuned study's later waves (higher rungs, final trials) belong to it once the rows they follow from
            // are written.
            List<Trial> planned = new ArrayList<>();
            knownWaves(study, directory).forEach(planned::addAll);
            ResumeCheck check = new ResumeCheck(directory, planned, Journal.read(directory));
            writer = RunWriter.resume(directory, check);
            journal = Journal.open(directory, check.kept());
            writeManifest(directory, manifest);
            if (!check.rerun().isEmpty()) {
                progress.info("resume: " + check.rerun().size() + " trial" + (check.rerun().size() == 1 ? "" : "s")
                        + " with missing or torn rows run again (" + abbreviated(check.rerun()) + ")");
            }
        } else {
            // The manifest comes first: a folder with run files and no manifest is never optbench's doing.
            writeManifest(directory, manifest);
            writer = RunWriter.create(directory);
            journal = Journal.open(directory, List.of());
        }
        Set<Integer> completed = writer.completedTrials();
        PlacementCsv placements = new PlacementCsv(directory, completed);
        for (Experiment part : plan.parts()) {
            writeLandscapes(directory, part);
        }

        List<Trial> missing = trials.stream().filter(trial -> !completed.contains(trial.id())).toList();
        Map<TrialStatus, Integer> statuses = new EnumMap<>(TrialStatus.class);
        Set<String> warned = new LinkedHashSet<>();
        DataProvider provider = canonical -> {
            Dataset dataset = data.get(canonical);
            if (dataset == null) {
                throw new IllegalStateException("data set " + canonical + " was not loaded");
            }
            return dataset;
        };
        LearningRates.write(directory, trials, registry, provider);
        TrialRunner trialRunner = new TrialRunner(registry, provider);
        TrialExecutor executor = cluster != null ? cluster : new LocalTrialExecutor(options.threads(), setup -> trialRunner);
        // Workers elsewhere read the data folder the driver resolved (docs/spark.md, "Data on executors").
        WorkerSetup setup = WorkerSetup.of(options.modules(), new DataOptions(
                DataDirectory.resolve(options.dataDirectory()).root().toAbsolutePath(), dataOptions.validation(),
                dataOptions.subset(), dataOptions.standardization(), dataOptions.seed()), options.warmupSeconds());
        progress.info((options.resume() ? "resuming " : "running ") + plan.name() + ": " + (total - completed.size())
                + " of " + total + " trials on " + executor.where() + " into " + directory);
        WarmUps warmUps = new WarmUps(options.warmupSeconds());
        if (executor.inThisJvm()) {
            warmUp(warmUps, trialRunner, missing, options.warmupSeconds());
        }
        progress.started(total, completed.size());
        int ranNow = missing.size();
        boolean stopped;
        try (RunInterruption interruption = new RunInterruption()) {
            java.util.function.Consumer<TrialResult> onResult = result -> interruption.unlessStopped(() -> {
                for (String warning : result.warnings()) {
                    String kind = warning.replaceFirst("^trial \\d+: ", "");
                    if (warned.add(kind)) {
                        progress.warn(warning);
                    }
                }
                placements.write(result.trial().id(), result.placement());
                save(directory, writer, journal, result, study.phase(result.trial().id()));
                statuses.merge(result.row().status(), 1, Integer::sum);
                progress.finished(result);
            });
            try {
                executor.execute(missing, setup, onResult);
                // A tuned study's later waves: each follows from the rows of the wave before, now all written.
                for (int wave = 1; study.tuned() && !interruption.stopped(); wave++) {
                    List<List<Trial>> waves = study.waves(RunReader.readTrials(directory));
                    if (wave >= waves.size()) {
                        break;
                    }
                    List<Trial> missingNow = waves.get(wave).stream().filter(trial -> !completed.contains(trial.id())).toList();
                    if (executor.inThisJvm()) {
                        warmUp(warmUps, trialRunner, missingNow, options.warmupSeconds());
                    }
                    executor.execute(missingNow, setup, onResult);
                    ranNow += missingNow.size();
                }
            } catch (InterruptedException e) {
                if (!interruption.stopped()) {
                    throw e;
                }
            } finally {
                // First: it clears the interrupt a stop caused, which would otherwise close the files' channels.
                stopped = interruption.trialsOver();
                progress.close();
                placements.close();
                writer.close();
                journal.close();
            }
            if (stopped) {
                // Every row written is whole and the trials in flight are abandoned: the folder is resumable.
                sessionOf(manifest).put("stopped", OffsetDateTime.now().toString());
                writeManifest(directory, manifest);
                int done = writer.completedTrials().size();
                progress.info("stopped by a signal: " + done + " of " + total + " trials are in " + directory
                        + "; finish them with the same command and --resume --out " + directory);
                interruption.settled();
                return new Outcome(directory, total, done - completed.size(), statuses, null, true);
            }
        }
        writer.finish();
        journal.finish();
        placements.finish();
        if (study.tuned()) {
            SelectionCsv.write(directory, study.select(RunReader.readTrials(directory)), study.tuning().metric(),
                    study.tuning().mode());
        }
        manifest.put("finished", OffsetDateTime.now().toString());
        sessionOf(manifest).put("finished", manifest.get("finished"));
        writeManifest(directory, manifest);
        String reportProblem = null;
        try {
            if (options.report()) {
                Reports.rebuild(directory, options.formats());
            }
        } catch (ReportException | IllegalArgumentException | IllegalStateException e) {
            reportProblem = e.getMessage();
        }
        return new Outcome(directory, total, ranNow, statuses, reportProblem, false);
    }

    /**
     * Warms the JIT before the timed trials (docs/harness.md, "What is timed"), so that no trial's time depends on its
     * place in the run: each trial whose code {@code warmUps} has not yet run, then the garbage collected and the
     * compile queue drained.
     */
    private void warmUp(WarmUps warmUps, TrialRunner runner, List<Trial> trials, double seconds) {
        long start = System.nanoTime();
        int warmed = 0;
        for (Trial trial : trials) {
            warmed += warmUps.warm(runner, trial) ? 1 : 0;
        }
        if (warmed == 0) {
            return;
        }
        // The warm-up's garbage is collected now rather than during the first timed trial.
        System.gc();
        awaitCompilation(System.nanoTime() + (long) (2 * seconds * 1e9));
        progress.info(String.format(Locale.ROOT, "warm-up: %d configuration%s in %.1f s (untimed)", warmed,
                warmed == 1 ? "" : "s", (System.nanoTime() - start) / 1e9));
    }

    /**
     * Waits (idle) until the JIT has compiled what the warm-up made hot: until the JVM's total compilation time stays
     * the same for 100 ms, or the deadline. Otherwise the compiler threads would still be busy during the first timed
     * trial, and on a single core they take its time.
     */
    private static void awaitCompilation(long deadlineNanos) {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        if (compiler == null || !compiler.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long previous = -1;
        int quiet = 0;
        while (quiet < 2 && System.nanoTime() < deadlineNanos) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long total = compiler.getTotalCompilationTime();
            quiet = total == previous ? quiet + 1 : 0;
            previous = total;
        }
    }

    private static String abbreviated(List<Integer> ids) {
        List<String> shown = ids.stream().limit(10).map(id -> "trial " + id).toList();
        return String.join(", ", shown) + (ids.size() > 10 ? ", ..." : "");
    }

    /**
     * The waves of a study being resumed that its trials.csv lets one plan (Study#waves): the first, and each later
     * one whose rows it follows from are written; a trial of a wave not yet plannable cannot have run.
     */
    private static List<List<Trial>> knownWaves(Study study, Path directory) {
        if (study.totalTrials() == study.firstPhase().size()) {
            return List.of(study.firstPhase());
        }
        try {
            return study.waves(RunReader.readTrials(directory));
        } catch (ReportException | IllegalStateException e) {
            return List.of(study.firstPhase());
        }
    }

    private void save(Path directory, RunWriter writer, Journal journal, TrialResult result, String phase) {
        // Each file is written with one flush: nothing of a trial counts before its journal line below.
        if (!result.trace().isEmpty()) {
            TraceCsv.write(directory.resolve(RunFiles.trace(result.trial().id())), result.trace());
        }
        writer.writeCurves(result.curves().stream().map(curve -> curve.withPhase(phase)).toList());
        writer.writeTrial(result.row().withPhase(phase));
        // Last: the journal line says every row of the trial is written.
        journal.record(new Journal.Entry(result.trial().id(), result.curves().size(), result.trace().size()));
    }

    /** Checks the output folder; returns the manifest of the run to resume, or null. */
    private Map<String, Object> checkDirectory(Path directory, boolean resume, String fingerprint) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new UserError("--out " + directory + " exists and is not a folder; choose another --out");
        }
        Path manifestFile = directory.resolve(RunFiles.MANIFEST);
        String startAgain = "move the folder aside and start again (mv " + directory + " " + directory
                + ".damaged, then the same command without --resume), or choose another --out";
        if (Files.exists(manifestFile)) {
            Map<String, Object> previous;
            try {
                previous = json.readValue(manifestFile.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
            } catch (IOException e) {
                throw new UserError(manifestFile + " is damaged (" + e.getMessage().lines().findFirst().orElse("")
                        + "): the run cannot be checked against the experiment; " + startAgain);
            }
            String damage = manifestDamage(previous);
            if (damage != null) {
                throw new UserError(manifestFile + " is damaged (" + damage + "): the run cannot be checked against the"
                        + " experiment; " + startAgain);
            }
            Object name = previous.get("name");
            if (!resume) {
                throw new UserError(directory + " already holds a run of experiment '" + name
                        + "'; add --resume to finish it, or choose another --out");
            }
            if (!fingerprint.equals(previous.get("fingerprint"))) {
                throw new UserError(directory + " holds a run of a different experiment ('" + name + "' with other settings);"
                        + " resume with the same experiment file and --set options, or choose another --out");
            }
            return previous;
        }
        List<String> runFiles = Stream.of(RunFiles.TRIALS, RunFiles.CURVES, RunFiles.JOURNAL, RunFiles.TRACES)
                .filter(name -> Files.exists(directory.resolve(name))).toList();
        if (!runFiles.isEmpty()) {
            throw new UserError(directory + " holds " + String.join(", ", runFiles) + " but no " + RunFiles.MANIFEST
                    + " (it was deleted): the run cannot be checked against the experiment; " + startAgain);
        }
        if (resume) {
            throw new UserError("nothing to resume in " + directory + ": it holds no " + RunFiles.MANIFEST
                    + "; run without --resume to start");
        }
        if (Files.isDirectory(directory)) {
            try (Stream<Path> entries = Files.list(directory)) {
                // The lock file alone is what a run stopped before its first write leaves.
                if (entries.anyMatch(entry -> !entry.getFileName().toString().equals(RunFiles.LOCK))) {
                    throw new UserError(directory + " is not empty and holds no optbench run; choose a new or empty folder with --out");
                }
            } catch (IOException e) {
                throw new UserError("cannot read " + directory + ": " + e.getMessage() + "; choose another --out");
            }
        }
        return null;
    }

    /** What makes a manifest unusable for --resume, or null when it has what resuming needs. */
    private static String manifestDamage(Map<String, Object> manifest) {
        if (manifest == null) {
            return "it holds null, not an object";
        }
        if (!(manifest.get("fingerprint") instanceof String)) {
            return "\"fingerprint\" is " + (manifest.get("fingerprint") == null ? "missing or null" : "not a string");
        }
        if (!(manifest.get("sessions") instanceof List<?> sessions)) {
            return "\"sessions\" is " + (manifest.get("sessions") == null ? "missing or null" : "not a list");
        }
        if (!sessions.stream().allMatch(Map.class::isInstance)) {
            return "\"sessions\" holds an entry that is not an object";
        }
        return null;
    }

    /** Fails early, before the data is loaded, when the folder could not be created or written. */
    private static void checkWritableAncestor(Path directory) {
        Path existing = directory.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new UserError("cannot write to " + directory + " (" + (existing == null ? "no such file system"
                    : existing + (Files.isDirectory(existing) ? " is not writable" : " is not a folder"))
                    + "); choose a writable folder with --out");
        }
    }

    private static void writableDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (AccessDeniedException e) {
            throw new UserError("cannot write to " + directory + " (permission denied); choose a writable folder with --out");
        } catch (FileSystemException e) {
            throw new UserError("cannot write to " + directory + " (" + Optional.ofNullable(e.getReason()).orElse(e.getMessage())
                    + "); choose a writable folder with --out");
        } catch (IOException e) {
            throw new UserError("cannot write to " + directory + ": " + e.getMessage() + "; choose a writable folder with --out");
        }
    }

    private void loadData(Experiment experiment, DataOptions options, Map<String, Dataset> data) {
        int batch = experiment.settings().batch();
        for (String canonical : experiment.datasets()) {
            if (registry.isFunction(canonical)) {
                boolean modelOnly = experiment.regularizerSets().stream().flatMap(List::stream)
                        .anyMatch(r -> r.startsWith("dropout") || r.startsWith("early-stopping"));
                if (modelOnly) {
                    throw new UserError(experiment.origin("regularizers") + ": dropout and early-stopping need a model and"
                            + " epochs, but " + canonical + " is an analytic function; put the function in its own part"
                            + " without them");
                }
                continue;
            }
            Dataset dataset = data.get(canonical);
            try {
                if (dataset == null) {
                    if (progress != null) {
                        progress.info("loading " + canonical);
                    }
                    dataset = registry.loadDataset(canonical, options);
                }
            } catch (DataException e) {
                throw new UserError(canonical + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new UserError(experiment.origin("dataset") + ": " + canonical + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UserError(canonical + ": cannot read the data: " + e.getMessage(), e);
            }
            if (batch > dataset.train().count()) {
                throw new UserError(experiment.origin("batch") + " is " + batch + ", larger than the " + dataset.train().count()
                        + " training examples of " + canonical + "; lower batch, or write batch: full for full-batch descent");
            }
            checkTarget(experiment, canonical, dataset);
            boolean watchesValidation = experiment.regularizerSets().stream().flatMap(List::stream)
                    .anyMatch(r -> r.startsWith("early-stopping"));
            if (watchesValidation && dataset.validation().count() == 0) {
                throw new UserError(experiment.origin("regularizers") + ": early-stopping needs validation examples but "
                        + canonical + " has none; set validation (e.g. validation: 0.1)");
            }
            boolean dropout = experiment.regularizerSets().stream().flatMap(List::stream).anyMatch(r -> r.startsWith("dropout"));
            for (String model : experiment.models()) {
                try {
                    registry.buildModel(model, dataset, Optional.empty());
                    if (dropout) {
                        registry.buildModel(model, dataset, Optional.of(new Dropout(0.5)));
                    }
                } catch (IllegalArgumentException e) {
                    throw new UserError(experiment.origin("model") + ": " + e.getMessage() + " (with " + canonical + ")", e);
                }
            }
            data.put(canonical, dataset);
        }
    }

    /** A target must watch a metric the data set has: accuracy needs classes, test metrics a test split. */
    private static void checkTarget(Experiment experiment, String canonical, Dataset dataset) {
        Target target = experiment.settings().target();
        if (target == null) {
            return;
        }
        if (target.isAccuracy() && !dataset.isClassification()) {
            throw new UserError(experiment.origin("target") + ": the target watches " + target.metric() + " but "
                    + canonical + " is a regression data set, which has no accuracy; watch a loss (e.g. val_loss <= 0.01)");
        }
        if (target.metric().startsWith("test_") && dataset.test().count() == 0) {
            throw new UserError(experiment.origin("target") + ": the target watches " + target.metric() + " but "
                    + canonical + " has no test examples; watch a train_ or val_ metric");
        }
    }

    private void writeLandscapes(Path directory, Experiment experiment) {
        for (String canonical : experiment.datasets()) {
            if (!registry.isFunction(canonical)) {
                continue;
            }
            FunctionProblem problem = registry.buildFunction(canonical);
            TestFunction function = problem.function();
            double[] bounds = landscapeBounds(function.plotBounds(), problem.start());
            Path file = LandscapeCsv.file(directory, canonical);
            if (bounds.length == 2) {
                double[] x0 = grid(bounds[0], bounds[1], 401);
                double[] values = new double[x0.length];
                for (int i = 0; i < x0.length; i++) {
                    values[i] = function.value(new double[] {x0[i]});
                }
                LandscapeCsv.write1d(file, x0, values);
            } else if (bounds.length == 4) {
                double[] x0 = grid(bounds[0], bounds[1], 101);
                double[] x1 = grid(bounds[2], bounds[3], 101);
                double[][] values = new double[x0.length][x1.length];
                for (int i = 0; i < x0.length; i++) {
                    for (int j = 0; j < x1.length; j++) {
                        values[i][j] = function.value(new double[] {x0[i], x1[j]});
                    }
                }
                LandscapeCsv.write2d(file, x0, x1, values);
            } else {
                continue;
            }
            LandscapeCsv.writeMinima(LandscapeCsv.minimaFile(directory, canonical), function.minima());
        }
    }

    /**
     * The function's plot window widened to contain the start point with a margin of a tenth of the widened side
     * on the side it was widened: a trajectory starting outside the fixed window would otherwise begin off the figure.
     * {@code bounds} is {@code [x0min, x0max]} or {@code [x0min, x0max, x1min, x1max]}; other shapes are returned as is.
     */
    static double[] landscapeBounds(double[] bounds, double[] start) {
        double[] widened = bounds.clone();
        if (bounds.length != 2 && bounds.length != 4) {
            return widened;
        }
        for (int axis = 0; axis < bounds.length / 2 && axis < start.length; axis++) {
            double low = bounds[2 * axis];
            double high = bounds[2 * axis + 1];
            double value = start[axis];
            if (!Double.isFinite(value) || (value >= low && value <= high)) {
                continue;
            }
            double newLow = Math.min(low, value);
            double newHigh = Math.max(high, value);
            double margin = 0.1 * (newHigh - newLow);
            widened[2 * axis] = value < low ? newLow - margin : low;
            widened[2 * axis + 1] = value > high ? newHigh + margin : high;
        }
        return widened;
    }

    private static double[] grid(double from, double to, int points) {
        double[] grid = new double[points];
        for (int i = 0; i < points; i++) {
            grid[i] = from + (to - from) * i / (points - 1);
        }
        return grid;
    }

    private Map<String, Object> manifest(Plan experiment, Map<String, Object> config, String fingerprint, int trials,
            Options options, Map<String, Object> previous, String started) {
        Map<String, Object> manifest = previous != null ? new LinkedHashMap<>(previous) : new LinkedHashMap<>();
        if (previous == null) {
            manifest.put("optbench_version", Provenance.version());
            manifest.put("name", experiment.name());
            manifest.put("description", experiment.description());
            manifest.put("source", experiment.source());
            manifest.put("fingerprint", fingerprint);
            manifest.put("experiment", config);
            manifest.put("seed", experiment.seed());
            Experiment first = experiment.parts().get(0);
            manifest.put("data_seed", first.dataSeed());
            manifest.put("pairing", first.pairing().key());
            manifest.put("seed_derivation", TrialSeeds.DERIVATION_VERSION);
            manifest.put("seeds", first.pairing() == Experiment.Pairing.PAIRED
                    ? "paired: each trial's seed (trials.csv, seed) is derived from the experiment seed, data set, model and"
                            + " repeat, so every configuration of a repeat shares it; data_seed from data_seed and the data set"
                    : "independent: each trial's seed (trials.csv, seed) is derived from the experiment seed, the whole"
                            + " configuration and the repeat; data_seed from data_seed and the data set");
            manifest.put("target", experiment.target() == null ? null : experiment.target().toString());
            manifest.put("trials", trials);
            manifest.put("overrides", options.overrides());
            manifest.put("modules", options.modules());
            manifest.put("plugins", plugins());
            manifest.put("git_commit", Provenance.gitCommit());
            manifest.put("machine", Provenance.machine());
            manifest.put("threads", options.threads());
            manifest.put("started", started);
            manifest.put("finished", null);
            manifest.put("sessions", new ArrayList<>());
        }
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("started", started);
        session.put("finished", null);
        session.put("threads", options.threads());
        session.put("resumed", options.resume());
        session.put("git_commit", previous == null ? manifest.get("git_commit") : Provenance.gitCommit());
        session.put("plugins", plugins());
        @SuppressWarnings("unchecked")
        List<Object> sessions = new ArrayList<>((List<Object>) manifest.getOrDefault("sessions", new ArrayList<>()));
        sessions.add(session);
        manifest.put("sessions", sessions);
        return manifest;
    }

    /** Each user module's class, how it was found, and its jar's path, size, sha256 and version. */
    private List<Map<String, Object>> plugins() {
        return registry.plugins().stream().map(org.optbench.harness.wiring.Plugin::manifestEntry).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sessionOf(Map<String, Object> manifest) {
        List<Object> sessions = (List<Object>) manifest.get("sessions");
        return (Map<String, Object>) sessions.get(sessions.size() - 1);
    }

    private void writeManifest(Path directory, Map<String, Object> manifest) {
        Path file = directory.resolve(RunFiles.MANIFEST);
        try {
            Path temporary = Files.createTempFile(directory, ".manifest", ".tmp");
            json.writeValue(temporary.toFile(), manifest);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage() + "; choose a writable folder with --out", e);
        }
    }

    private String fingerprint(Map<String, Object> config) {
        try {
            byte[] bytes = new ObjectMapper().writeValueAsBytes(config);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
