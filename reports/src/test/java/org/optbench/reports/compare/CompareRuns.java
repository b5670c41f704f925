package org.optbench.reports.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.optbench.reports.Configuration;
import org.optbench.reports.RunFiles;
import org.optbench.reports.TrialRow;
import org.optbench.reports.TrialStatus;
import org.optbench.reports.csv.RunWriter;
import org.optbench.reports.tuning.Selection;
import org.optbench.reports.tuning.SelectionCsv;

/**
 * Writes minimal run directories for compare tests: {@code trials.csv} with the numbers a test chooses and a
 * {@code manifest.json} with a resolved experiment, the way the harness writes them.
 */
final class CompareRuns {
    static final Configuration SGD = new Configuration("sgd(lr=0.1)", "constant(unit=step)", "[]", "mnist",
            "mlp(hidden=[128], activation=relu)");
    static final Configuration ADAM = new Configuration("adam(lr=0.001)", "constant(unit=step)", "[]", "mnist",
            "mlp(hidden=[128], activation=relu)");
    static final Configuration ROSENBROCK = new Configuration("sgd(lr=0.001)", "constant(unit=step)", "[]",
            "rosenbrock", "");

    private CompareRuns() {
    }

    /** One trial's numbers; NaN for a metric the run does not have. */
    record Trial(Configuration configuration, long seed, long dataSeed, int repeat, TrialStatus status,
            double accuracy, double loss, double secondsPerEpoch) {
        static Trial of(Configuration configuration, int repeat, double accuracy, double loss,
                double secondsPerEpoch) {
            return new Trial(configuration, 1000 + repeat, 7, repeat, TrialStatus.OK, accuracy, loss,
                    secondsPerEpoch);
        }

        Trial withStatus(TrialStatus value) {
            return new Trial(configuration, seed, dataSeed, repeat, value, accuracy, loss, secondsPerEpoch);
        }

        Trial withSeed(long value) {
            return new Trial(configuration, value, dataSeed, repeat, status, accuracy, loss, secondsPerEpoch);
        }

        Trial withDataSeed(long value) {
            return new Trial(configuration, seed, value, repeat, status, accuracy, loss, secondsPerEpoch);
        }
    }

    /** The experiment a run's manifest resolves: settings, planned repeats, optional target. */
    static Map<String, Object> experiment(int epochs, int repeats, String target, Configuration... grid) {
        Map<String, Object> experiment = new LinkedHashMap<>();
        experiment.put("name", "test");
        experiment.put("seed", 42);
        experiment.put("dataset", List.of(grid[0].dataset()));
        experiment.put("optimizer", java.util.Arrays.stream(grid).map(Configuration::optimizer).toList());
        experiment.put("repeats", repeats);
        experiment.put("epochs", epochs);
        experiment.put("batch", 64);
        experiment.put("target", target);
        experiment.put("subset", 10000);
        return experiment;
    }

    /** The rows of {@code trials.csv} the harness would write for these trials. */
    static List<TrialRow> rows(List<Trial> trials) {
        List<TrialRow> rows = new ArrayList<>();
        for (int id = 0; id < trials.size(); id++) {
            Trial t = trials.get(id);
            rows.add(new TrialRow(id, t.configuration(), t.seed(), t.dataSeed(), t.repeat(), t.status(), 3, 2, 300,
                    t.loss(), t.loss(), t.accuracy(), t.loss(), t.accuracy(), t.loss(), t.accuracy(),
                    3 * t.secondsPerEpoch() + 1, t.secondsPerEpoch(), Double.NaN, -1,
                    t.status() == TrialStatus.OK ? "" : "test status"));
        }
        return rows;
    }

    /** The manifest the harness would write for {@code experiment}. */
    static Map<String, Object> manifest(Map<String, Object> experiment) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("name", "test");
        manifest.put("experiment", experiment);
        manifest.put("seed", 42);
        manifest.put("pairing", "paired");
        manifest.put("target", experiment.get("target"));
        int configurations = ((List<?>) experiment.get("optimizer")).size();
        manifest.put("trials", configurations * (Integer) experiment.get("repeats"));
        manifest.put("git_commit", "0123abc");
        return manifest;
    }

    /**
     * A tuned study's resolved experiment as the harness writes it: the search spaces as the optimizer list, the
     * tuning block (method halton, metric val_loss, mode final, 1 seed per configuration) and the tuning seeds as
     * {@code repeats}.
     */
    static Map<String, Object> tunedExperiment(int budget, int finalSeeds, String target, Map<String, String> spaces) {
        Map<String, Object> experiment = new LinkedHashMap<>();
        experiment.put("name", "tuned");
        experiment.put("seed", 42);
        experiment.put("dataset", List.of(SGD.dataset()));
        experiment.put("model", List.of(SGD.model()));
        experiment.put("optimizer", List.copyOf(spaces.values()));
        Map<String, Object> tuning = new LinkedHashMap<>();
        tuning.put("method", "halton");
        tuning.put("budget", budget);
        tuning.put("metric", "val_loss");
        tuning.put("mode", "final");
        tuning.put("seeds", 1);
        tuning.put("final_seeds", finalSeeds);
        tuning.put("search_spaces", new LinkedHashMap<>(spaces));
        experiment.put("tuning", tuning);
        experiment.put("repeats", 1);
        experiment.put("epochs", 3);
        experiment.put("batch", 64);
        experiment.put("target", target);
        experiment.put("subset", 10000);
        return experiment;
    }

    /**
     * Writes a tuned study: the tuning trials (phase {@code tune}, ids first), then the final ones (phase
     * {@code final}), its {@code selection.csv} as the harness derives it, and a manifest planning
     * {@code tuning + families × final_seeds} trials.
     */
    @SuppressWarnings("unchecked")
    static Path writeTuned(Path directory, Map<String, Object> experiment, List<Trial> tuning, List<Trial> finals)
            throws IOException {
        List<Trial> all = new ArrayList<>(tuning);
        all.addAll(finals);
        List<TrialRow> rows = new ArrayList<>();
        List<TrialRow> plain = rows(all);
        for (int i = 0; i < plain.size(); i++) {
            rows.add(plain.get(i).withPhase(i < tuning.size() ? "tune" : "final"));
        }
        try (RunWriter writer = RunWriter.create(directory)) {
            rows.forEach(writer::writeTrial);
            writer.finish();
        }
        SelectionCsv.write(directory, Selection.select(rows, "val_loss", "final"), "val_loss", "final");
        Map<String, Object> manifest = manifest(experiment);
        manifest.put("name", "tuned");
        manifest.remove("git_commit");
        Map<String, Object> block = (Map<String, Object>) experiment.get("tuning");
        int families = ((Map<String, Object>) block.get("search_spaces")).size();
        manifest.put("trials", tuning.size() + families * (Integer) block.get("final_seeds"));
        new ObjectMapper().writeValue(directory.resolve(RunFiles.MANIFEST).toFile(), manifest);
        return directory;
    }

    /** Writes the run; {@code experiment} null writes no manifest. */
    static Path write(Path directory, Map<String, Object> experiment, List<Trial> trials) throws IOException {
        try (RunWriter writer = RunWriter.create(directory)) {
            rows(trials).forEach(writer::writeTrial);
            writer.finish();
        }
        if (experiment != null) {
            new ObjectMapper().writeValue(directory.resolve(RunFiles.MANIFEST).toFile(), manifest(experiment));
        }
        return directory;
    }
}
