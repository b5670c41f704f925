package org.optbench.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.harness.testing.ChildJvm;
import org.optbench.harness.testing.Cli;
import org.optbench.harness.testing.RunFilesCompare;

/**
 * A study with successive halving end to end, checked from the CSVs with plain commons-csv: each rung's
 * survivors are recomputed here from the rung's rows, a promoted configuration's rerun repeats its first epochs
 * exactly, the selection is the argmin over the top rung; 1 and 2 threads write the same files, and a study killed
 * (kill -9) during a later rung resumes to them.
 */
class HalvedStudyTest {
    static final String MODULE = CrashResumeTest.MODULE;
    // Rungs for epochs 4, min_epochs 1, eta 2: 1, 2, 4 epochs; 5 -> 3 -> 2 configurations per optimizer, 2 seeds each:
    // 2 x 2 x (5 + 3 + 2) = 40 tuning trials (20 in the first wave), then 2 x 2 final trials.
    static final String EXPERIMENT = """
            name: halved
            dataset: blobs(classes=10, dim=50, n=1000)
            model: test-softmax
            optimizer:
              - sgd(lr=loguniform(1e-3, 1))
              - adam(lr=loguniform(1e-4, 0.1))
            epochs: 4
            batch: 10
            tuning:
              method: halton
              budget: 5
              seeds: 2
              halving: {min_epochs: 1, eta: 2}
              final: {seeds: 2}
            """;
    static final int FIRST_WAVE = 20;
    static final int TUNING = 40;
    static final int TOTAL = 44;

    @Test
    void eachRungKeepsTheBestHalfAndTheFilesDoNotDependOnThreadsOrAKill(@TempDir Path folder) throws Exception {
        assertTrue(ChildJvm.classpathReady(), "the child JVM needs the test classpath");
        Path file = folder.resolve("halved.yaml");
        Files.writeString(file, EXPERIMENT);
        Path clean = folder.resolve("clean");
        Cli.Result result = Cli.run("run", file.toString(), "--out", clean.toString(), "--threads", "2", "--no-report",
                "--module", MODULE);
        assertEquals(0, result.code(), result.err());
        checkRungs(clean);
        // The report: the tuning section says halving ran, and draws the tuning curve against trials spent.
        String markdown = Files.readString(org.optbench.reports.Reports.rebuild(clean).report());
        assertTrue(markdown.contains("Successive halving (min_epochs 1, eta 2)") && markdown.contains("phase `rung-k`"),
                markdown);
        assertTrue(Files.exists(clean.resolve("figures/tuning-curve.png")));

        Path oneThread = folder.resolve("one-thread");
        result = Cli.run("run", file.toString(), "--out", oneThread.toString(), "--threads", "1", "--no-report",
                "--module", MODULE);
        assertEquals(0, result.code(), result.err());

        // Killed during rung 1 (rows 21..32), resumed on 2 threads.
        Path killed = folder.resolve("killed");
        Path log = folder.resolve("child.log");
        Process child = ChildJvm.cli(folder, log, Map.of(), "run", file.toString(), "--out", killed.toString(), "--threads",
                "1", "--no-report", "--warmup", "0", "--module", MODULE).start();
        int written = ChildJvm.killAfterRows(child, killed.resolve("trials.csv"), FIRST_WAVE + 2, 90, log);
        assertTrue(written > FIRST_WAVE && written < TUNING, "killed during a later rung after " + written + " rows: "
                + Files.readString(log));
        result = Cli.run("run", file.toString(), "--out", killed.toString(), "--resume", "--threads", "2", "--no-report",
                "--module", MODULE);
        assertEquals(0, result.code(), result.err());

        for (String name : List.of("trials.csv", "curves.csv", "selection.csv")) {
            assertEquals(RunFilesCompare.withoutTimes(clean.resolve(name)), RunFilesCompare.withoutTimes(oneThread.resolve(name)),
                    name + ": 1 vs 2 threads");
            assertEquals(RunFilesCompare.withoutTimes(clean.resolve(name)), RunFilesCompare.withoutTimes(killed.resolve(name)),
                    name + ": killed and resumed vs uninterrupted");
        }
    }

    @Test
    void aBadHalvingIsRefusedWithOneLineBeforeAnyTrial(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("halved.yaml");
        Files.writeString(file, EXPERIMENT.replace("eta: 2", "eta: 1"));
        String message = Cli.userError("run", file.toString(), "--out", folder.resolve("run").toString(), "--module", MODULE);
        assertEquals("optbench: " + file + ":13: eta must be a whole number >= 2 (each rung keeps the best 1/eta of the"
                + " configurations), got '1'", message);
        assertTrue(!Files.exists(folder.resolve("run/trials.csv")));
    }

    /** The promotions, the reruns and the selection, recomputed from the run's CSVs. */
    private static void checkRungs(Path run) throws Exception {
        List<Map<String, String>> trials = TunedStudyTest.csv(run.resolve("trials.csv"));
        assertEquals(TOTAL, trials.size());
        trials.sort(Comparator.comparingInt(row -> Integer.parseInt(row.get("trial"))));
        List<String> phases = List.of("rung-0", "rung-1", "tune");
        int[] epochs = {1, 2, 4};
        int[] kept = {5, 3, 2};
        for (String family : List.of("sgd", "adam")) {
            List<List<Map<String, String>>> rungs = new ArrayList<>();
            for (String phase : phases) {
                rungs.add(trials.stream().filter(row -> row.get("phase").equals(phase)
                        && row.get("optimizer").startsWith(family + "(")).toList());
            }
            for (int rung = 0; rung < 3; rung++) {
                List<Map<String, String>> rows = rungs.get(rung);
                assertEquals(2 * kept[rung], rows.size(), family + " rung " + rung);
                for (Map<String, String> row : rows) {
                    int ran = Integer.parseInt(row.get("epochs_run"));
                    assertTrue(row.get("status").equals("ok") ? ran == epochs[rung] : ran <= epochs[rung], row.toString());
                }
                List<String> ranked = ranked(rows);
                if (rung < 2) {
                    // The next rung runs exactly the best ceil(n / 2), in the order of this rung's trials, same seeds.
                    Set<String> survivors = new LinkedHashSet<>(ranked.subList(0, kept[rung + 1]));
                    List<String> expected = new ArrayList<>();
                    List<String> expectedSeeds = new ArrayList<>();
                    for (Map<String, String> row : rows) {
                        if (survivors.contains(row.get("optimizer"))) {
                            expected.add(row.get("optimizer"));
                            expectedSeeds.add(row.get("seed"));
                        }
                    }
                    List<Map<String, String>> next = rungs.get(rung + 1);
                    assertEquals(expected, next.stream().map(row -> row.get("optimizer")).toList(), family + " rung " + (rung + 1));
                    assertEquals(expectedSeeds, next.stream().map(row -> row.get("seed")).toList());
                } else {
                    Map<String, String> selection = TunedStudyTest.csv(run.resolve("selection.csv")).stream()
                            .filter(row -> row.get("optimizer").equals(family)).findFirst().orElseThrow();
                    assertEquals(ranked.get(0), selection.get("selected"));
                    assertEquals(ranked.get(1), selection.get("runner_up"));
                    assertEquals("5", selection.get("configurations"));
                    assertEquals("20", selection.get("trials"));
                }
            }
            // A promoted configuration reruns from the start: its rung-1 trial's epoch-1 row is its rung-0 trial's.
            Map<String, String> promoted = rungs.get(1).get(0);
            Map<String, String> earlier = rungs.get(0).stream().filter(row -> row.get("optimizer").equals(promoted.get("optimizer"))
                    && row.get("seed").equals(promoted.get("seed"))).findFirst().orElseThrow();
            List<Map<String, String>> curves = TunedStudyTest.csv(run.resolve("curves.csv"));
            assertEquals(epochOne(curves, earlier.get("trial")), epochOne(curves, promoted.get("trial")));
        }
    }

    /** Configurations by mean val_loss over their seeds, best first, a diverged seed worst, ties by first trial. */
    private static List<String> ranked(List<Map<String, String>> rows) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (Map<String, String> row : rows) {
            double[] sum = sums.computeIfAbsent(row.get("optimizer"), key -> new double[2]);
            double loss = Double.parseDouble(row.get("val_loss"));
            boolean bad = row.get("status").equals("diverged") || row.get("status").equals("failed") || !Double.isFinite(loss);
            sum[0] += bad ? Double.POSITIVE_INFINITY : loss;
            sum[1]++;
        }
        List<String> configurations = new ArrayList<>(sums.keySet());
        configurations.sort(Comparator.comparingDouble(configuration -> sums.get(configuration)[0] / sums.get(configuration)[1]));
        return configurations;
    }

    private static List<String> epochOne(List<Map<String, String>> curves, String trial) {
        Map<String, String> row = curves.stream().filter(curve -> curve.get("trial").equals(trial)
                && curve.get("epoch").equals("1")).findFirst().orElseThrow();
        return List.of(row.get("step"), row.get("train_loss"), row.get("val_loss"), row.get("val_accuracy"), row.get("lr"));
    }
}
