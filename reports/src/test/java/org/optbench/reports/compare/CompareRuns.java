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
