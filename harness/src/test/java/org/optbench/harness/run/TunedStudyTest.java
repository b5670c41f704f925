package org.optbench.harness.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.harness.testing.ChildJvm;
import org.optbench.harness.testing.Cli;
import org.optbench.harness.testing.RunFilesCompare;
import org.optbench.harness.trial.TrialSeeds;

/**
 * A tuned study end to end: the phases in trials.csv, the selection checked against an argmin recomputed here from
 * the CSV (with plain commons-csv, not the reports reader), fresh final seeds, and a study killed with the
 * equivalent of kill -9 once during tuning and once during the final phase that resumes to the same files.
 */
class TunedStudyTest {
    static final String MODULE = CrashResumeTest.MODULE;
    // 2 optimizers x 5 configurations x 2 seeds = 20 tuning trials, then 2 x 3 final trials.
    static final String EXPERIMENT = """
            name: tuned
            dataset: blobs(classes=10, dim=50, n=2000)
            model: test-softmax
            optimizer:
              - sgd(lr=loguniform(1e-3, 1))
              - adam(lr=loguniform(1e-4, 0.1))
            epochs: 2
            batch: 10
            tuning:
              method: halton
              budget: 5
              seeds: 2
              final: {seeds: 3}
            """;
    static final int TUNING = 20;
    static final int TOTAL = 26;

    static List<Map<String, String>> csv(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord record : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                rows.add(new LinkedHashMap<>(record.toMap()));
            }
            return rows;
        }
    }

    @Test
    void theSelectionIsTheArgminOverExactlyTheTuningTrialsAndFinalSeedsAreFresh(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("tuned.yaml");
        Files.writeString(file, EXPERIMENT);
        Path run = folder.resolve("run");
        Cli.Result result = Cli.run("run", file.toString(), "--out", run.toString(), "--threads", "2", "--no-report",
                "--module", MODULE);
        assertEquals(0, result.code(), result.err());
        List<Map<String, String>> trials = csv(run.resolve("trials.csv"));
        assertEquals(TOTAL, trials.size());
        Set<Long> tuningSeeds = new HashSet<>();
        Map<String, Map<String, List<Double>>> losses = new LinkedHashMap<>();
        for (Map<String, String> row : trials) {
            int id = Integer.parseInt(row.get("trial"));
            assertEquals(id < TUNING ? "tune" : "final", row.get("phase"), "trial " + id);
            if (id < TUNING) {
                tuningSeeds.add(Long.parseLong(row.get("seed")));
                String optimizer = row.get("optimizer");
                losses.computeIfAbsent(optimizer.substring(0, optimizer.indexOf('(')), key -> new LinkedHashMap<>())
                        .computeIfAbsent(optimizer, key -> new ArrayList<>()).add(Double.parseDouble(row.get("val_loss")));
            }
        }
        for (Map<String, String> curve : csv(run.resolve("curves.csv"))) {
            assertEquals(Integer.parseInt(curve.get("trial")) < TUNING ? "tune" : "final", curve.get("phase"));
        }
        // The argmin of the mean validation loss over each configuration's two seeds; on a tie, the one listed first.
        List<Map<String, String>> selection = csv(run.resolve("selection.csv"));
        assertEquals(2, selection.size());
        for (Map<String, String> chosen : selection) {
            Map<String, List<Double>> configurations = losses.get(chosen.get("optimizer"));
            String best = null;
            double bestScore = Double.POSITIVE_INFINITY;
            String second = null;
            double secondScore = Double.POSITIVE_INFINITY;
            for (Map.Entry<String, List<Double>> entry : configurations.entrySet()) {
                double score = (entry.getValue().get(0) + entry.getValue().get(1)) / 2;
                if (score < bestScore) {
                    second = best;
                    secondScore = bestScore;
                    best = entry.getKey();
                    bestScore = score;
                } else if (score < secondScore) {
                    second = entry.getKey();
                    secondScore = score;
                }
            }
            assertEquals(best, chosen.get("selected"));
            assertEquals(bestScore, Double.parseDouble(chosen.get("score")), 0.0);
            assertEquals(second, chosen.get("runner_up"));
            assertEquals("5", chosen.get("configurations"));
            assertEquals("10", chosen.get("trials"));
            // Its final trials rerun exactly it, on the three final seeds shared by both optimizers (paired).
            List<Map<String, String>> finals = trials.stream().filter(row -> row.get("phase").equals("final")
                    && row.get("optimizer").startsWith(chosen.get("optimizer") + "(")).toList();
            assertEquals(3, finals.size());
            for (int repeat = 0; repeat < 3; repeat++) {
                Map<String, String> row = finals.get(repeat);
                assertEquals(best, row.get("optimizer"));
                long seed = Long.parseLong(row.get("seed"));
                assertEquals(TrialSeeds.finalTrialSeed(42, row.get("dataset"), "test-softmax", repeat), seed);
                assertFalse(tuningSeeds.contains(seed), "final seed " + seed + " is a tuning seed");
            }
        }
        // The report: the ordinary part shows the 6 final trials only, then the tuning section and its figure.
        org.optbench.reports.Reports.Report report = org.optbench.reports.Reports.rebuild(run);
        assertEquals(2, report.summaries().size());
        String markdown = Files.readString(report.report());
        assertTrue(markdown.contains("## Tuning") && markdown.contains("`" + selection.get(0).get("selected") + "`"), markdown);
        // All 26 trials ran (20 of them tuning trials the summary does not show), and the tuning section comes
        // before the provenance, which ends the report.
        assertTrue(markdown.contains("- Complete: 26 of 26 planned trials.") && !markdown.contains("Incomplete run"), markdown);
        assertTrue(markdown.indexOf("## Tuning") < markdown.indexOf("## Provenance"), markdown);
        assertTrue(Files.exists(run.resolve("figures/tuning-curve.png")));
        String manifest = Files.readString(run.resolve("manifest.json"));
        assertTrue(manifest.contains("\"search_spaces\"") && manifest.contains("loguniform(1e-4, 0.1)")
                && manifest.contains("\"method\" : \"halton\"") && manifest.contains("\"trials\" : 26"), manifest);
    }

    @Test
    void aStudyKilledDuringTuningAndDuringTheFinalPhaseResumesToTheSameFiles(@TempDir Path folder) throws Exception {
        assertTrue(ChildJvm.classpathReady(), "the child JVM needs the test classpath");
        Path file = folder.resolve("tuned.yaml");
        Files.writeString(file, EXPERIMENT);
        Path killed = folder.resolve("killed");
        int first = killWhen(folder, file, killed, false, 3, TUNING - 1);
        assertTrue(first >= 3 && first < TUNING, "killed during tuning after " + first + " rows");
        int second = killWhen(folder, file, killed, true, TUNING + 1, TOTAL - 1);
        assertTrue(second > TUNING && second < TOTAL, "killed during the final phase after " + second + " rows");

        Cli.Result resumed = Cli.run("run", file.toString(), "--out", killed.toString(), "--resume", "--threads", "2",
                "--no-report", "--module", MODULE);
        assertEquals(0, resumed.code(), resumed.err());
        Path clean = folder.resolve("clean");
        Cli.Result uninterrupted = Cli.run("run", file.toString(), "--out", clean.toString(), "--threads", "2",
                "--no-report", "--module", MODULE);
        assertEquals(0, uninterrupted.code(), uninterrupted.err());
        for (String name : List.of("trials.csv", "curves.csv", "selection.csv")) {
            assertEquals(RunFilesCompare.withoutTimes(clean.resolve(name)), RunFilesCompare.withoutTimes(killed.resolve(name)), name);
        }
    }

    /** Starts the study (or resumes it) in a child JVM and kills it once trials.csv has {@code from} rows. */
    private static int killWhen(Path folder, Path file, Path out, boolean resume, int from, int atMost) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", file.toString(), "--out", out.toString(), "--threads", "1",
                "--no-report", "--warmup", "0", "--module", MODULE));
        if (resume) {
            args.add("--resume");
        }
        Path log = folder.resolve("child-" + resume + ".log");
        Process child = ChildJvm.cli(folder, log, Map.of(), args.toArray(String[]::new)).start();
        int written = ChildJvm.killAfterRows(child, out.resolve("trials.csv"), from, 90, log);
        assertTrue(written <= atMost, "the child finished before it was killed (" + written + " rows): " + Files.readString(log));
        return written;
    }
}
