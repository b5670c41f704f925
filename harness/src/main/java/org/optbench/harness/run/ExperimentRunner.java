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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
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
import org.optbench.harness.trial.Trial;
import org.optbench.harness.trial.TrialExecutor;
import org.optbench.harness.trial.TrialResult;
import org.optbench.harness.trial.TrialRunner;
import org.optbench.harness.trial.TrialSeeds;
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
     */
    public record Options(Path experimentFile, Path out, List<String> overrides, int threads, boolean resume,
            Path dataDirectory, List<String> modules, Set<FigureFormat> formats, boolean report, boolean dryRun,
            double warmupSeconds) {
        public Options {
            overrides = List.copyOf(overrides);
            modules = List.copyOf(modules);
            formats = Set.copyOf(formats);
        }
    }

    /** How the run ended. */
    public record Outcome(Path runDirectory, int trials, int ranNow, Map<TrialStatus, Integer> statuses, String reportProblem) {
    }

    private final Registry registry;
    private final Progress progress;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ExperimentRunner(Registry registry, Progress progress) {
        this.registry = registry;
        this.progress = progress;
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
        Plan plan = load(options.experimentFile(), options.overrides());
        Experiment experiment = plan.parts().get(0);
        Map<String, Object> config = plan.resolvedConfig();
        String fingerprint = fingerprint(config);
        Path directory = options.out() != null ? options.out()
                : Path.of("runs", experiment.name() + "-" + LocalDateTime.now().format(FOLDER_TIME));
        if (options.resume() && options.out() == null) {
            throw new UserError("--resume needs --out DIR, the run folder to finish");
        }
        Map<String, Object> previous = checkDirectory(directory, options.resume(), fingerprint);
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
        if (options.dryRun()) {
            for (Trial trial : trials) {
                progress.info("trial " + trial.id() + ": " + trial.identity() + " repeat " + trial.repeat() + " seed "
                        + trial.seed() + " data seed " + trial.dataSeed() + (study.tuned() ? " (tune)" : ""));
            }
            if (study.finalCount() > 0) {
                progress.info("then " + study.finalCount() + " final trials (trials " + trials.size() + "-"
                        + (study.totalTrials() - 1) + "), each selected configuration on fresh seeds, planned once tuning is complete");
            }
            return new Outcome(directory, study.totalTrials(), 0, new EnumMap<>(TrialStatus.class), null);
        }
        writableDirectory(directory);

        String started = OffsetDateTime.now().toString();
        RunWriter writer = options.resume() ? RunWriter.resume(directory) : RunWriter.create(directory);
        Set<Integer> completed = writer.completedTrials();
        Map<String, Object> manifest = manifest(plan, config, fingerprint, study.totalTrials(), options, previous, started);
        writeManifest(directory, manifest);
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
        TrialExecutor executor = new LocalTrialExecutor(options.threads());
        int total = study.totalTrials();
        progress.info((options.resume() ? "resuming " : "running ") + plan.name() + ": " + (total - completed.size())
                + " of " + total + " trials on " + options.threads() + " thread" + (options.threads() == 1 ? "" : "s")
                + " into " + directory);
        TrialRunner trialRunner = new TrialRunner(registry, provider);
        warmUp(trialRunner, missing, options.warmupSeconds());
        progress.started(total, completed.size());
        int ranNow = missing.size();
        java.util.function.Consumer<TrialResult> onResult = result -> {
            for (String warning : result.warnings()) {
                String kind = warning.replaceFirst("^trial \\d+: ", "");
                if (warned.add(kind)) {
                    progress.warn(warning);
                }
            }
            save(directory, writer, result, study.phase(result.trial().id()));
            statuses.merge(result.row().status(), 1, Integer::sum);
            progress.finished(result);
        };
        try {
            executor.execute(missing, trialRunner, onResult);
            if (study.finalCount() > 0) {
                // Every tuning row is now in trials.csv: the selection, and so the final trials, follow from it.
                List<Trial> finals = study.finalTrials(RunReader.readTrials(directory));
                List<Trial> missingFinals = finals.stream().filter(trial -> !completed.contains(trial.id())).toList();
                warmUp(trialRunner, missingFinals, options.warmupSeconds());
                executor.execute(missingFinals, trialRunner, onResult);
                ranNow += missingFinals.size();
            }
        } finally {
            progress.close();
            writer.close();
        }
        writer.finish();
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
        return new Outcome(directory, total, ranNow, statuses, reportProblem);
    }

    /** Updates every warm-up takes at least, whatever its time: enough for the JIT to see the update loop as hot. */
    static final int WARMUP_UPDATES = 20;

    /**
     * Warms the JIT before the timed trials (docs/harness.md, "What is timed"), so that no trial's time depends on its
     * place in the run: the first configuration of each data set, model and batch size gets {@code seconds}, which
     * compiles the model's kernels, and every other configuration a tenth of it, which compiles its own rule's update.
     */
    private void warmUp(TrialRunner runner, List<Trial> trials, double seconds) {
        if (seconds == 0 || trials.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        Set<String> shapes = new HashSet<>();
        Set<String> configurations = new HashSet<>();
        int warmed = 0;
        for (Trial trial : trials) {
            String configuration = trial.identity() + "|" + trial.settings().batch();
            if (!configurations.add(configuration)) {
                continue;
            }
            boolean newShape = shapes.add(trial.dataset() + "|" + trial.model() + "|" + trial.settings().batch());
            runner.warmUp(trial, newShape ? seconds : seconds / 10, WARMUP_UPDATES);
            warmed++;
        }
        progress.info(String.format(Locale.ROOT, "warm-up: %d configuration%s in %.1f s (untimed)", warmed,
                warmed == 1 ? "" : "s", (System.nanoTime() - start) / 1e9));
    }

    private void save(Path directory, RunWriter writer, TrialResult result, String phase) {
        if (!result.trace().isEmpty()) {
            Path file = directory.resolve(RunFiles.trace(result.trial().id()));
            try (TraceCsv.TraceWriter trace = TraceCsv.open(file, result.trace().get(0).parameters().length)) {
                for (TraceCsv.Point point : result.trace()) {
                    trace.write(point.step(), point.learningRate(), point.loss(), point.parameters());
                }
            }
        }
        result.curves().forEach(curve -> writer.writeCurve(curve.withPhase(phase)));
        writer.writeTrial(result.row().withPhase(phase));
    }

    /** Checks the output folder; returns the manifest of the run to resume, or null. */
    private Map<String, Object> checkDirectory(Path directory, boolean resume, String fingerprint) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new UserError("--out " + directory + " exists and is not a folder; choose another --out");
        }
        Path manifestFile = directory.resolve(RunFiles.MANIFEST);
        if (Files.exists(manifestFile)) {
            Map<String, Object> previous;
            try {
                previous = json.readValue(manifestFile.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
            } catch (IOException e) {
                throw new UserError(manifestFile + " cannot be read (" + e.getMessage().lines().findFirst().orElse("")
                        + "); choose another --out");
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
        if (resume) {
            throw new UserError("nothing to resume in " + directory + ": it holds no " + RunFiles.MANIFEST
                    + "; run without --resume to start");
        }
        if (Files.isDirectory(directory)) {
            try (Stream<Path> entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new UserError(directory + " is not empty and holds no optbench run; choose a new or empty folder with --out");
                }
            } catch (IOException e) {
                throw new UserError("cannot read " + directory + ": " + e.getMessage() + "; choose another --out");
            }
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
        @SuppressWarnings("unchecked")
        List<Object> sessions = new ArrayList<>((List<Object>) manifest.getOrDefault("sessions", new ArrayList<>()));
        sessions.add(session);
        manifest.put("sessions", sessions);
        return manifest;
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
