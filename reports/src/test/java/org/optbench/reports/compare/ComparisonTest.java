package org.optbench.reports.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.optbench.reports.compare.CompareRuns.ADAM;
import static org.optbench.reports.compare.CompareRuns.ROSENBROCK;
import static org.optbench.reports.compare.CompareRuns.SGD;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.reports.RunFiles;
import org.optbench.reports.SyntheticRun;
import org.optbench.reports.TrialStatus;
import org.optbench.reports.compare.CompareRuns.Trial;

class ComparisonTest {
    private static final double[] ACCURACY = {0.951, 0.955, 0.949, 0.953, 0.950};
    private static final double[] LOSS = {0.171, 0.162, 0.180, 0.166, 0.175};
    private static final double[] SECONDS = {2.00, 2.04, 1.98, 2.02, 1.99};

    @TempDir
    Path directory;

    @Test
    void twoRunsOfTheSameSeedsPass() throws IOException {
        Path baseline = run("baseline", SyntheticRun.Shape.standard(11));
        Path candidate = run("candidate", SyntheticRun.Shape.standard(11));
        ComparisonResult result = Comparison.compare(baseline, candidate, CompareOptions.defaults());
        assertEquals(0, result.exitCode(), result.toText());
        // 3 configurations × (5 final metrics + time per epoch), none failing; identical runs: no spread to test
        assertEquals(18, result.rows().size(), result.toText());
        assertTrue(result.rows().stream().noneMatch(ComparisonRow::failed), result.toText());
        assertEquals(List.of("val_accuracy (primary)"), result.rows().stream()
                .filter(row -> row.verdict() != Verdict.REPORTED && row.kind() == ComparisonRow.Kind.METRIC)
                .map(ComparisonRow::metric).distinct().toList(), "the target's metric is the primary one");
    }

    @Test
    void anInjectedAccuracyDropFailsOnThePrimaryMetricOnly() throws IOException {
        Path baseline = run("baseline", SyntheticRun.Shape.standard(11));
        Path candidate = run("candidate", SyntheticRun.Shape.standard(12).withAccuracyShift(-0.02));
        ComparisonResult result = Comparison.compare(baseline, candidate, CompareOptions.defaults());
        assertEquals(1, result.exitCode(), result.toText());
        // val_accuracy is the target's metric; test_accuracy dropped as much but is reported, not tested.
        assertEquals(3, result.regressions().size(), result.toText());
        assertTrue(result.regressions().stream().allMatch(row -> row.metric().equals("val_accuracy (primary)")
                && row.test().equals("paired t")), result.toText());
        assertTrue(result.rows().stream().filter(row -> row.metric().equals("test_accuracy"))
                .allMatch(row -> row.verdict() == Verdict.REPORTED && row.ciHigh() < 0), result.toText());
    }

    @Test
    void anInjectedSlowdownIsATimeRegressionWithItsOwnExitCode() throws IOException {
        Path baseline = run("baseline", SyntheticRun.Shape.standard(11).withSeeds(5));
        Path candidate = run("candidate", SyntheticRun.Shape.standard(11).withSeeds(5).withSlowdown(1.5));
        ComparisonResult result = Comparison.compare(baseline, candidate, CompareOptions.defaults());
        assertEquals(4, result.exitCode(), result.toText());
        assertEquals("time-regression", result.verdict());
        assertEquals(3, result.timeRegressions().size(), result.toText());
        assertTrue(result.regressions().isEmpty(), "a time alarm is never a metric regression");
        // Holm over 3 time tests of 1/252 each: 3/252
        assertEquals(3.0 / 252, result.timeRegressions().get(0).pValue(), 1e-12);
        ComparisonResult warned = Comparison.compare(baseline, candidate,
                CompareOptions.defaults().withTime(TimeMode.WARN));
        assertEquals(0, warned.exitCode(), warned.toText());
        assertEquals("pass-with-time-warning", warned.verdict());
        assertTrue(warned.summaryLine().contains("(warning only)"), warned.summaryLine());
        assertEquals(0, Comparison.compare(baseline, candidate, CompareOptions.defaults().withMinTimeRatio(1.6))
                .exitCode());
        // 3 against 3 trials cannot show a slowdown at 0.05: inconclusive, not a regression.
        ComparisonResult few = Comparison.compare(run("b3", SyntheticRun.Shape.standard(11)),
                run("c3", SyntheticRun.Shape.standard(11).withSlowdown(1.5)), CompareOptions.defaults());
        assertEquals(0, few.exitCode(), few.toText());
        assertTrue(few.rows().stream().filter(row -> row.kind() == ComparisonRow.Kind.TIME)
                .allMatch(row -> row.verdict() == Verdict.INCONCLUSIVE && row.note().contains("cannot show")));
    }

    @Test
    void oneSeedIsInconclusiveNeverARegression() throws IOException {
        Path baseline = write("b", 1, null, List.of(Trial.of(SGD, 0, 0.95, 0.2, 2)));
        Path candidate = write("c", 1, null, List.of(Trial.of(SGD, 0, 0.90, 0.3, 2)));
        ComparisonResult result = Comparison.compare(baseline, candidate, CompareOptions.defaults());
        assertEquals(0, result.exitCode(), result.toText());
        ComparisonRow primary = primary(result);
        assertEquals(Verdict.INCONCLUSIVE, primary.verdict());
        assertTrue(Double.isNaN(primary.pValue()));
        assertTrue(primary.note().contains("too few seeds"), primary.note());
        assertTrue(result.notes().stream().anyMatch(note -> note.contains("not significant by construction")));
    }

    @Test
    void tiedAccuraciesAreJudgedByTheMinimumEffectWithoutAPValue() throws IOException {
        List<Trial> base = new ArrayList<>();
        List<Trial> next = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            base.add(Trial.of(SGD, r, 0.905, 0.3, 2));
            next.add(Trial.of(SGD, r, 0.895, 0.3, 2));
        }
        ComparisonResult result = Comparison.compare(write("b", 3, null, base), write("c", 3, null, next),
                CompareOptions.defaults());
        ComparisonRow primary = primary(result);
        assertEquals("test_accuracy (primary)", primary.metric(), "no target: the final test accuracy");
        assertEquals(Verdict.REGRESSION, primary.verdict(), "a drop of 0.01 ≥ the minimum 0.005 on every seed");
        assertTrue(Double.isNaN(primary.pValue()), "no p-value from no spread");
        assertTrue(primary.note().contains("minimum effect alone"), primary.note());
        // The same tie with a drop below the minimum effect passes.
        ComparisonResult small = Comparison.compare(write("b2", 3, null, base), write("c2", 3, null, base.stream()
                .map(t -> Trial.of(SGD, t.repeat(), 0.904, 0.3, 2)).toList()), CompareOptions.defaults());
        assertEquals(Verdict.OK, primary(small).verdict(), small.toText());
        assertEquals(0, small.exitCode());
    }

    @Test
    void deterministicRepeatsOfAnAnalyticFunctionNeverGivePZero() throws IOException {
        // Rosenbrock with lr × 1.000001: every repeat is the same run; the loss moves by 1e-6 of itself.
        List<Trial> base = new ArrayList<>();
        List<Trial> next = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            base.add(Trial.of(ROSENBROCK, r, Double.NaN, 1.2345678e-3, Double.NaN));
            next.add(Trial.of(ROSENBROCK, r, Double.NaN, 1.2345690e-3, Double.NaN));
        }
        ComparisonResult result = Comparison.compare(write("b", 3, null, base), write("c", 3, null, next),
                CompareOptions.defaults());
        assertEquals(0, result.exitCode(), result.toText());
        ComparisonRow primary = primary(result);
        assertEquals("test_loss (primary)", primary.metric());
        assertEquals(Verdict.OK, primary.verdict());
        assertTrue(Double.isNaN(primary.pValue()));
        assertTrue(result.rows().stream().noneMatch(row -> row.pValue() == 0), result.toText());
    }

    @Test
    void divergedTrialsAreCountedNotAveraged() throws IOException {
        List<Trial> base = five(SGD, UnaryOperator.identity());
        List<Trial> next = new ArrayList<>(five(SGD, UnaryOperator.identity()));
        // The fifth seed diverged with an absurd loss and a chance accuracy: not in the means.
        next.set(4, new Trial(SGD, 1004, 7, 4, TrialStatus.DIVERGED, 0.1, 1e6, 2));
        ComparisonResult result = Comparison.compare(write("b", 5, null, base), write("c", 5, null, next),
                CompareOptions.defaults());
        assertEquals(1, result.exitCode(), result.toText());
        ComparisonRow primary = primary(result);
        assertEquals(4, primary.candidateN());
        assertEquals((0.951 + 0.955 + 0.949 + 0.953) / 4, primary.candidate(), 1e-15);
        assertEquals(Verdict.OK, primary.verdict(), "the four usable seeds are unchanged");
        ComparisonRow failures = result.rows().stream().filter(row -> row.metric().equals("failed/diverged trials"))
                .findFirst().orElseThrow();
        assertEquals(Verdict.REGRESSION, failures.verdict());
        assertEquals(1, failures.difference());
    }

    @Test
    void gapsFailLoudlyUnlessAllowed() throws IOException {
        Map<String, Object> plan = CompareRuns.experiment(3, 5, null, SGD, ADAM);
        List<Trial> full = new ArrayList<>(five(SGD, UnaryOperator.identity()));
        full.addAll(five(ADAM, UnaryOperator.identity()));
        Path baseline = CompareRuns.write(directory.resolve("base"), plan, full);

        // adam is missing from the candidate altogether
        Path lost = CompareRuns.write(directory.resolve("lost"), plan, five(SGD, UnaryOperator.identity()));
        ComparisonResult missing = Comparison.compare(baseline, lost, CompareOptions.defaults());
        assertEquals(1, missing.exitCode(), missing.toText());
        assertEquals(Verdict.MISSING, missing.regressions().get(0).verdict());
        assertTrue(missing.regressions().get(0).note().contains("configuration missing"), missing.toText());
        assertEquals(0, Comparison.compare(baseline, lost, CompareOptions.defaults().withAllowMissing(true))
                .exitCode());

        // an interrupted candidate: adam has 2 of its 5 planned trials
        List<Trial> interrupted = new ArrayList<>(five(SGD, UnaryOperator.identity()));
        interrupted.addAll(five(ADAM, UnaryOperator.identity()).subList(0, 2));
        ComparisonResult partial = Comparison.compare(baseline,
                CompareRuns.write(directory.resolve("partial"), plan, interrupted), CompareOptions.defaults());
        assertEquals(1, partial.exitCode(), partial.toText());
        assertEquals("the candidate has 2 of the baseline's 5 trials; the candidate has 2 of its 5 planned trials",
                partial.regressions().get(0).note());
        assertEquals("baseline complete: 10 of 10 planned trials; candidate INCOMPLETE: 7 of 10 planned trials",
                partial.notes().get(0));
    }

    @Test
    void runsWithDifferentSettingsOrDataAreRefusedNamingTheDifference() throws IOException {
        List<Trial> trials = five(SGD, UnaryOperator.identity());
        Path baseline = CompareRuns.write(directory.resolve("base"), CompareRuns.experiment(3, 5, null, SGD), trials);
        Path shorter = CompareRuns.write(directory.resolve("short"), CompareRuns.experiment(1, 5, null, SGD), trials);
        ComparisonResult settings = Comparison.compare(baseline, shorter, CompareOptions.defaults());
        assertEquals(2, settings.exitCode());
        assertTrue(settings.problem().startsWith("the runs differ in their settings (epochs: 3 → 1)"),
                settings.problem());
        ComparisonResult allowed = Comparison.compare(baseline, shorter,
                CompareOptions.defaults().withAllowDifferentSettings(true));
        assertEquals(0, allowed.exitCode(), allowed.toText());
        assertTrue(allowed.notes().get(1).contains("epochs: 3 → 1"), allowed.notes().toString());

        Path otherData = CompareRuns.write(directory.resolve("data"), CompareRuns.experiment(3, 5, null, SGD),
                trials.stream().map(t -> t.withDataSeed(8)).toList());
        ComparisonResult data = Comparison.compare(baseline, otherData, CompareOptions.defaults());
        assertEquals(2, data.exitCode());
        assertTrue(data.problem().contains("data seeds [7] → [8]"), data.problem());
        assertEquals(0, Comparison.compare(baseline, otherData, CompareOptions.defaults().withAllowDifferentData(true))
                .exitCode());
    }

    @Test
    void sharedSeedsArePairedOtherwiseWelch() throws IOException {
        Path baseline = write("b", 5, null, five(SGD, UnaryOperator.identity()));
        Path paired = write("p", 5, null, five(SGD, t -> Trial.of(SGD, t.repeat(),
                t.accuracy() - 0.001 * (t.repeat() % 2), t.loss(), t.secondsPerEpoch())));
        assertEquals("paired t", primary(Comparison.compare(baseline, paired, CompareOptions.defaults())).test());
        Path independent = write("i", 5, null, five(SGD, t -> t.withSeed(5000 + t.repeat())));
        ComparisonRow row = primary(Comparison.compare(baseline, independent, CompareOptions.defaults()));
        assertEquals("Welch t", row.test());
        assertEquals(Verdict.OK, row.verdict());
        assertTrue(row.pValue() > 0.4, "identical samples: p = " + row.pValue());
    }

    @Test
    void compareMarkdownNamesTheRealBaselineAndFailedChecksAreListed() throws IOException {
        Path real = run("2026-11-23T020000Z", SyntheticRun.Shape.standard(11));
        Path link = Files.createSymbolicLink(directory.resolve("baseline"), real.getFileName());
        Path candidate = run("candidate", SyntheticRun.Shape.standard(12).withAccuracyShift(-0.02));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = Comparison.run(link, candidate, CompareOptions.defaults(), null,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(1, code);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("REGRESSION in 3 of 18 checks"), printed);
        String markdown = Files.readString(candidate.resolve("compare.md"));
        assertTrue(markdown.startsWith("# Comparison: REGRESSION\n"), markdown);
        assertTrue(markdown.contains("- baseline: `" + real.toRealPath() + "` (given as `" + link + "`)"), markdown);
        assertTrue(markdown.contains("| **REGRESSION** |"), markdown);
        ComparisonResult result = Comparison.compare(link, candidate, CompareOptions.defaults());
        List<String> lines = result.failedChecksCsv().lines().toList();
        assertEquals("configuration,metric,kind,effect,p", lines.get(0));
        assertEquals(4, lines.size(), result.failedChecksCsv());
        assertTrue(lines.get(1).startsWith("sgd,val_accuracy (primary),metric,-0.0"), lines.get(1));
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
    void optionsAreRangeChecked() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> CompareOptions.defaults().withAlpha(1.5));
        assertEquals("compare: --alpha must be in (0, 1), got 1.5", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CompareOptions.defaults().withMinTimeRatio(0.9));
        assertEquals(TimeMode.WARN, TimeMode.parse("warn"));
        assertThrows(IllegalArgumentException.class, () -> TimeMode.parse("loud"));
    }

    private static ComparisonRow primary(ComparisonResult result) {
        return result.rows().stream().filter(row -> row.metric().endsWith("(primary)")).findFirst()
                .orElseThrow(() -> new AssertionError(result.toText()));
    }

    private static List<Trial> five(org.optbench.reports.Configuration configuration, UnaryOperator<Trial> change) {
        List<Trial> trials = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            trials.add(change.apply(Trial.of(configuration, r, ACCURACY[r], LOSS[r], SECONDS[r])));
        }
        return trials;
    }

    private Path write(String name, int repeats, String target, List<Trial> trials) throws IOException {
        return CompareRuns.write(directory.resolve(name), CompareRuns.experiment(3, repeats, target,
                trials.get(0).configuration()), trials);
    }

    private Path run(String name, SyntheticRun.Shape shape) throws IOException {
        Path run = directory.resolve(name);
        SyntheticRun.training(run, shape);
        return run;
    }
}
