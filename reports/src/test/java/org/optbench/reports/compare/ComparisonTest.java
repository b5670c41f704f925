package org.optbench.reports.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.reports.RunFiles;
import org.optbench.reports.SyntheticRun;

class ComparisonTest {
    @TempDir
    Path directory;

    @Test
    void twoRunsOfTheSameSeedsPass() throws IOException {
        Path baseline = run("baseline", SyntheticRun.Shape.standard(11));
        Path candidate = run("candidate", SyntheticRun.Shape.standard(11));
        ComparisonResult result = Comparison.compare(baseline, candidate, CompareOptions.defaults());
        assertEquals(0, result.exitCode(), result.toText());
        // 3 configurations × (5 final metrics + time per epoch), every one unchanged
        assertEquals(18, result.rows().size(), result.toText());
        assertTrue(result.rows().stream().allMatch(row -> row.verdict() == Verdict.OK), result.toText());
    }

    @Test
    void anInjectedAccuracyDropFails() throws IOException {
        Path baseline = run("baseline", SyntheticRun.Shape.standard(11));
        Path candidate = run("candidate", SyntheticRun.Shape.standard(12).withAccuracyShift(-0.02));
        ComparisonResult result = Comparison.compare(baseline, candidate, CompareOptions.defaults());
        assertEquals(1, result.exitCode(), result.toText());
        List<String> regressed = result.regressions().stream().map(ComparisonRow::metric).distinct().sorted()
                .toList();
        assertEquals(List.of("test_accuracy", "val_accuracy"), regressed, result.toText());
        assertEquals(6, result.regressions().size(), result.toText()); // both accuracies of all 3 configurations
    }

    @Test
    void anInjectedSlowdownFails() throws IOException {
        Path baseline = run("baseline", SyntheticRun.Shape.standard(11));
        Path candidate = run("candidate", SyntheticRun.Shape.standard(11).withSlowdown(1.5));
        ComparisonResult result = Comparison.compare(baseline, candidate, CompareOptions.defaults());
        assertEquals(1, result.exitCode(), result.toText());
        assertTrue(result.regressions().stream().allMatch(row -> row.metric().equals("s_per_epoch (median)")),
                result.toText());
        assertEquals(3, result.regressions().size(), result.toText());
        // A 1.5× slowdown passes when the threshold allows it.
        assertEquals(0, Comparison.compare(baseline, candidate, CompareOptions.defaults().withMaxTimeRatio(1.6))
                .exitCode());
    }

    @Test
    void independentSeedSetsFromTheSameDistributionDoNotFail() throws IOException {
        // Ten pairs of independent seed sets, no change between them: no false alarm in any of the 10 × 18 checks.
        for (int pair = 0; pair < 10; pair++) {
            Path baseline = run("baseline-" + pair, SyntheticRun.Shape.standard(100 + pair));
            Path candidate = run("candidate-" + pair, SyntheticRun.Shape.standard(200 + pair));
            ComparisonResult result = Comparison.compare(baseline, candidate, CompareOptions.defaults());
            assertEquals(0, result.exitCode(), result.toText());
        }
    }

    @Test
    void withOneSeedPerSideOnlyTheEffectSizeDecidesAndTheTableSaysSo() throws IOException {
        Path baseline = run("baseline", SyntheticRun.Shape.standard(11).withSeeds(1));
        Path small = run("small", SyntheticRun.Shape.standard(11).withSeeds(1).withAccuracyShift(-0.003));
        ComparisonResult passes = Comparison.compare(baseline, small, CompareOptions.defaults());
        assertEquals(0, passes.exitCode(), passes.toText());
        assertTrue(passes.rows().stream().filter(row -> row.metric().equals("test_accuracy"))
                .allMatch(row -> row.note().equals("n=1: effect-size rule only")), passes.toText());
        assertTrue(passes.toText().contains("without a significance test"), passes.toText());
        Path large = run("large", SyntheticRun.Shape.standard(11).withSeeds(1).withAccuracyShift(-0.006));
        assertEquals(1, Comparison.compare(baseline, large, CompareOptions.defaults()).exitCode());
    }

    @Test
    void unusableInputExitsWithTwo() throws IOException {
        Path baseline = run("baseline", SyntheticRun.Shape.standard(11));
        ComparisonResult missing = Comparison.compare(baseline, directory.resolve("nowhere"),
                CompareOptions.defaults());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.problem().contains("not a directory"), missing.problem());

        Path foreign = Files.createDirectories(directory.resolve("foreign"));
        Files.writeString(foreign.resolve(RunFiles.TRIALS), "name,score\nx,1\n");
        ComparisonResult malformed = Comparison.compare(baseline, foreign, CompareOptions.defaults());
        assertEquals(2, malformed.exitCode());
        assertTrue(malformed.problem().contains("trials.csv:1: unexpected header"), malformed.problem());

        Path other = run("other", SyntheticRun.Shape.standard(11));
        Files.writeString(other.resolve(RunFiles.TRIALS), Files.readString(other.resolve(RunFiles.TRIALS))
                .replace("mnist", "fashion-mnist"));
        ComparisonResult unmatched = Comparison.compare(baseline, other, CompareOptions.defaults());
        assertEquals(2, unmatched.exitCode());
        assertTrue(unmatched.problem().startsWith("no configuration is in both runs"), unmatched.problem());
    }

    @Test
    void runPrintsTheTableAndWritesCompareMarkdown() throws IOException {
        Path baseline = run("baseline", SyntheticRun.Shape.standard(11));
        Path candidate = run("candidate", SyntheticRun.Shape.standard(12).withAccuracyShift(-0.02));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = Comparison.run(baseline, candidate, CompareOptions.defaults(), null,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(1, code);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("REGRESSION in 6 of 18 checks"), printed);
        String markdown = Files.readString(candidate.resolve("compare.md"));
        assertTrue(markdown.startsWith("# Comparison: REGRESSION\n"), markdown);
        assertTrue(markdown.contains("| **REGRESSION** |"), markdown);
    }

    @Test
    void optionsAreRangeChecked() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CompareOptions.defaults().withAlpha(1.5));
        assertEquals("compare: --alpha must be in (0, 1), got 1.5", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CompareOptions.defaults().withMaxTimeRatio(0.9));
    }

    private Path run(String name, SyntheticRun.Shape shape) throws IOException {
        Path run = directory.resolve(name);
        SyntheticRun.training(run, shape);
        return run;
    }
}
