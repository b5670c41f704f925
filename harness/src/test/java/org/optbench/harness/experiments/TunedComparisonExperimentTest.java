package org.optbench.harness.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.harness.testing.Cli;
import org.optbench.reports.TrialRow;
import org.optbench.reports.TrialStatus;
import org.optbench.reports.tuning.SelectionCsv;

/**
 * experiments/tuned-comparison.yaml with its tuning block shrunk in a copy of the file (a mapping cannot be set
 * with --set): budget 2 and 2 final seeds instead of 16 and 5, and with --set 1,000 training images, 500 validation
 * images and 1 epoch. The protocol must hold on the real data: 7 optimizers x 3 problems, tuning then final trials,
 * one selection each equal to the tuning argmin of validation loss, final seeds that no tuning trial used, and the
 * winning tuned optimizer of each image problem far above chance (0.1) after its 8 updates.
 */
class TunedComparisonExperimentTest {
    /** Five times chance on 10 classes. */
    private static final double FLOOR = 0.5;

    @Test
    void theShippedStudyRunsItsProtocolOnEveryProblem(@TempDir Path folder) throws Exception {
        Path root = ShippedExperiment.repositoryRoot();
        String shipped = Files.readString(root.resolve("experiments/tuned-comparison.yaml"));
        assertTrue(shipped.contains("budget: 16") && shipped.contains("final: {seeds: 5}"), "the shipped tuning block changed");
        Path file = folder.resolve("tuned-comparison.yaml");
        Files.writeString(file, shipped.replace("budget: 16", "budget: 2").replace("final: {seeds: 5}", "final: {seeds: 2}"));
        Path out = folder.resolve("run");
        List<String> args = new ArrayList<>(List.of("run", file.toString(), "--out", out.toString(), "--no-report",
                "--threads", "2", "--warmup", "0", "--set", "subset=1000", "--set", "validation=500", "--set", "epochs=1"));
        if (System.getenv("OPTBENCH_DATA") == null) {
            args.addAll(List.of("--data-dir", root.resolve("data").toString()));
        }
        Cli.Result result = Cli.run(args.toArray(String[]::new));
        assertEquals(0, result.code(), result.err());
        List<TrialRow> trials = org.optbench.reports.csv.RunReader.readTrials(out);
        // 3 problems x 7 optimizers x (2 tuning configurations + 2 final seeds).
        assertEquals(84, trials.size());
        List<TrialRow> tuning = trials.stream().filter(row -> row.phase().equals("tune")).toList();
        List<TrialRow> finals = trials.stream().filter(row -> row.phase().equals("final")).toList();
        assertEquals(42, tuning.size());
        assertEquals(42, finals.size());
        Set<Long> tuningSeeds = tuning.stream().map(TrialRow::seed).collect(Collectors.toSet());
        finals.forEach(row -> assertFalse(tuningSeeds.contains(row.seed()), "final trial " + row.trial() + " reuses a tuning seed"));

        List<List<String>> selection = SelectionCsv.read(out);
        assertEquals(21, selection.size());
        Set<String> families = new HashSet<>();
        for (List<String> row : selection) {
            String dataset = row.get(0);
            String family = row.get(4);
            families.add(family);
            List<TrialRow> tried = tuning.stream().filter(t -> t.configuration().dataset().equals(dataset)
                    && t.configuration().optimizer().startsWith(family + "(")).toList();
            assertEquals(2, tried.size(), dataset + " " + family);
            // One seed per configuration: the argmin of val_loss, a diverged trial counting as worst; ties to the first.
            TrialRow best = tried.get(0);
            TrialRow other = tried.get(1);
            double a = score(best);
            double b = score(other);
            String expected = b < a ? other.configuration().optimizer() : best.configuration().optimizer();
            assertEquals(expected, row.get(5), dataset + " " + family);
            List<TrialRow> rerun = finals.stream().filter(t -> t.configuration().dataset().equals(dataset)
                    && t.configuration().optimizer().startsWith(family + "(")).toList();
            assertEquals(2, rerun.size());
            rerun.forEach(t -> assertEquals(expected, t.configuration().optimizer()));
        }
        assertEquals(Set.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam"), families);

        for (String image : List.of("mnist", "fashion-mnist")) {
            double top = finals.stream().filter(row -> row.configuration().dataset().equals(image))
                    .collect(Collectors.groupingBy(row -> row.configuration().optimizer(), Collectors.averagingDouble(TrialRow::testAccuracy)))
                    .values().stream().mapToDouble(d -> d).max().orElse(0);
            assertTrue(top > FLOOR, image + ": the best tuned optimizer's mean test accuracy is " + top);
        }
    }

    private static double score(TrialRow row) {
        boolean bad = row.status() == TrialStatus.DIVERGED || row.status() == TrialStatus.FAILED
                || !Double.isFinite(row.validationLoss());
        return bad ? Double.POSITIVE_INFINITY : row.validationLoss();
    }
}
