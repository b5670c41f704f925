package org.optbench.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.harness.testing.Cli;

/**
 * {@code optbench compare} on two real tuned studies across a code change: the baseline runs the plug-in
 * {@code scaled-sgd} as meant, the candidate with a bug that cuts its steps to 5%. Tuning moves the candidate's
 * selected rate up, and the tuned optimizer still gets worse; {@code sgd} is untouched. The expected effect and
 * p-value are recomputed here from the two {@code trials.csv} (plain commons-csv, Student's t with 4 degrees of
 * freedom in closed form), not taken from the reports module.
 */
class TunedCompareTest {
    private static final String MODULES = "org.optbench.harness.testing.ScaledSgdModules$";
    // 2 optimizers x 8 Halton configurations x 1 seed = 16 tuning trials, then 2 x 5 final trials. On this
    // problem scaled-sgd as meant selects lr=0.5443 of its 8 points; with its steps cut to 5% the largest point
    // drawn, lr=1.481 (an effective 0.074), wins and is still worse: the range stops at 3.
    private static final String STUDY = """
            name: tuned-compare
            seed: 42
            dataset: blobs(classes=4, dim=10, n=800)
            model: softmax
            optimizer:
              - sgd(lr=loguniform(1e-3, 1))
              - scaled-sgd(lr=loguniform(1e-3, 3))
            epochs: 2
            batch: 32
            target: val_loss <= 0.5
            tuning:
              method: halton
              budget: 8
              final: {seeds: 5}
            """;

    @TempDir
    Path folder;

    private Path run(String name, String experiment, String module) throws IOException {
        Path file = folder.resolve(name + ".yaml");
        Files.writeString(file, experiment);
        Path out = folder.resolve(name);
        Cli.Result result = Cli.run("run", file.toString(), "--out", out.toString(), "--threads", "2", "--no-report",
                "--warmup", "0", "--module", MODULES + module);
        assertEquals(0, result.code(), result.err());
        return out;
    }

    private static List<Map<String, String>> csv(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord record : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                rows.add(new LinkedHashMap<>(record.toMap()));
            }
            return rows;
        }
    }

    /** The final trials' validation losses of one optimizer family by seed, and the configuration they ran. */
    private static Map<String, Double> finalLosses(Path run, String family, List<String> ran) throws IOException {
        Map<String, Double> losses = new LinkedHashMap<>();
        for (Map<String, String> row : csv(run.resolve("trials.csv"))) {
            if (row.get("phase").equals("final") && row.get("optimizer").startsWith(family + "(")) {
                losses.put(row.get("seed"), Double.parseDouble(row.get("val_loss")));
                ran.add(row.get("optimizer"));
            }
        }
        return losses;
    }

    private static String selected(Path run, String family) throws IOException {
        return csv(run.resolve("selection.csv")).stream().filter(row -> row.get("optimizer").equals(family))
                .findFirst().orElseThrow().get("selected");
    }

    @Test
    void aTunedOptimizerThatGotWorseRegressesAndItsMovedSelectionIsSaid() throws IOException {
        Path baseline = run("baseline", STUDY, "Exact");
        Path candidate = run("candidate", STUDY, "Cut");
        String before = selected(baseline, "scaled-sgd");
        String after = selected(candidate, "scaled-sgd");
        assertNotEquals(before, after, "the cut steps move the selected rate");
        assertEquals(selected(baseline, "sgd"), selected(candidate, "sgd"));

        // The expected paired test, from the CSVs: per-seed differences of the final validation loss.
        List<String> ranBefore = new ArrayList<>();
        List<String> ranAfter = new ArrayList<>();
        Map<String, Double> a = finalLosses(baseline, "scaled-sgd", ranBefore);
        Map<String, Double> b = finalLosses(candidate, "scaled-sgd", ranAfter);
        assertEquals(a.keySet(), b.keySet(), "the final seeds are the same in both runs");
        assertEquals(5, a.size());
        assertTrue(ranBefore.stream().allMatch(before::equals) && ranAfter.stream().allMatch(after::equals));
        double[] d = a.keySet().stream().mapToDouble(seed -> b.get(seed) - a.get(seed)).toArray();
        double mean = java.util.Arrays.stream(d).average().orElseThrow();
        double ss = java.util.Arrays.stream(d).map(x -> (x - mean) * (x - mean)).sum();
        double t = mean / Math.sqrt(ss / 4 / 5);
        double x = t / Math.sqrt(t * t + 4);
        double p = 0.5 - 0.75 * x * (1 - x * x / 3); // 1 − F(t), Student's t with 4 degrees of freedom
        assertTrue(mean > 0.05 * a.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow()
                && p < 0.05, "the constructed case must be a regression: rise " + mean + ", p " + p);

        Path checks = folder.resolve("failed-checks.csv");
        Cli.Result result = Cli.run("compare", baseline.toString(), candidate.toString(), "--time", "warn",
                "--failed-checks", checks.toString());
        assertEquals(1, result.code(), result.out() + result.err());
        // scaled-sgd has one parameter, so the short form of the change is the whole configuration.
        assertTrue(result.out().contains("selection changed: scaled-sgd: " + before + " → " + after),
                result.out());
        assertTrue(result.out().contains("selection unchanged: sgd: " + selected(baseline, "sgd")), result.out());
        assertTrue(result.out().contains("REGRESSION in 1 of 12 checks") && result.out().contains(
                "selection changed for scaled-sgd"), result.out());
        List<Map<String, String>> failed = csv(checks).stream()
                .filter(row -> row.get("kind").equals("metric")).toList();
        assertEquals(1, failed.size(), Files.readString(checks));
        assertEquals("scaled-sgd", failed.get(0).get("configuration"), "keyed by the family, not the configuration");
        assertEquals("val_loss (primary)", failed.get(0).get("metric"));
        assertEquals(mean, Double.parseDouble(failed.get(0).get("effect")), 1e-12);
        // sgd ran identically (no spread, no p), so Holm over one test leaves p as it is.
        assertEquals(p, Double.parseDouble(failed.get(0).get("p")), 1e-9 + 1e-6 * p);
        String markdown = Files.readString(candidate.resolve("compare.md"));
        assertTrue(markdown.contains("| scaled-sgd | `" + before + "` |") && markdown.contains("**changed**"), markdown);

        // The same study again as its own candidate: every metric identical, nothing changed.
        Cli.Result same = Cli.run("compare", baseline.toString(), run("again", STUDY, "Exact").toString(), "--time",
                "warn");
        assertEquals(0, same.code(), same.out() + same.err());
        assertTrue(same.out().contains("selection unchanged: scaled-sgd: " + before), same.out());
        assertTrue(!same.out().contains("selection changed"), same.out());
    }

    @Test
    void aTunedStudyAgainstAPlainRunIsOneClearError() throws IOException {
        Path tuned = run("tuned", STUDY, "Exact");
        String grid = STUDY.substring(0, STUDY.indexOf("tuning:"))
                .replace("sgd(lr=loguniform(1e-3, 1))", "sgd(lr=0.4)")
                .replace("scaled-sgd(lr=loguniform(1e-3, 3))", "scaled-sgd(lr=0.4)") + "repeats: 5\n";
        Path plain = run("plain", grid, "Exact");
        String message = Cli.userError("compare", plain.toString(), tuned.toString());
        assertEquals("optbench: compare: unusable input: the candidate is a tuned study (its trials.csv has tune and"
                + " final phases) and the baseline is a plain run: a tuned study's final trials are matched by optimizer"
                + " and problem, a plain run's by exact configuration, so nothing can be paired; compare two runs of the"
                + " same experiment file (both tuned, or both plain)", message);
    }
}
