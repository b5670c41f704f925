package org.optbench.reports.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.reports.Configuration;
import org.optbench.reports.compare.CompareRuns.Trial;

/**
 * {@code compare} on two tuned studies written by hand: the final trials are matched by optimizer family and
 * problem whatever each run selected, the tuning trials never enter a check, the change of selection is said, and
 * the verdicts are those of a plain comparison on the final trials, recomputed here from the numbers.
 */
class TunedComparisonTest {
    private static final String MLP = CompareRuns.SGD.model();
    private static final String DATA = CompareRuns.SGD.dataset();
    private static final String ADAM_SPACE = "adam(lr=loguniform(1e-4, 0.1))";
    private static final String SGD_SPACE = "sgd(lr=loguniform(1e-3, 1))";
    private static final double[] LOSS = {0.171, 0.162, 0.180, 0.166, 0.175};
    /** Per-seed rise of adam's loss in the worse candidate: mean 0.025, sample sd √(0.00025/4). */
    private static final double[] RISE = {0.020, 0.030, 0.025, 0.035, 0.015};
    private static final double[] SECONDS = {2.00, 2.04, 1.98, 2.02, 1.99};

    @TempDir
    Path directory;

    private static Configuration config(String optimizer) {
        return new Configuration(optimizer, "constant(unit=step)", "[]", DATA, MLP);
    }

    /** One tuning trial (seed 77, a seed no final trial has) with this validation loss and a slow epoch. */
    private static Trial tune(String optimizer, double loss) {
        // 100 s per epoch: if tuning trials entered the time check, every median would move.
        return Trial.of(config(optimizer), 0, 0.5, loss, 100).withSeed(77);
    }

    /** Five final trials of {@code optimizer}: seeds 1000..1004 (shared by both runs), loss LOSS + shift. */
    private static List<Trial> finals(String optimizer, double[] shift, double slowdown, int count) {
        List<Trial> trials = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            trials.add(Trial.of(config(optimizer), r, 0.95, LOSS[r] + (shift == null ? 0 : shift[r]),
                    SECONDS[r] * slowdown));
        }
        return trials;
    }

    private static Map<String, String> spaces(String... texts) {
        Map<String, String> spaces = new LinkedHashMap<>();
        for (String text : texts) {
            spaces.put(text.substring(0, text.indexOf('(')), text);
        }
        return spaces;
    }

    private static Map<String, Object> experiment() {
        return CompareRuns.tunedExperiment(2, 5, "val_loss <= 0.4", spaces(SGD_SPACE, ADAM_SPACE));
    }

    /** The baseline: sgd selects lr=0.1 (0.30 < 0.40), adam lr=0.001 (0.25 < 0.28). */
    private Path baseline() throws IOException {
        List<Trial> tuning = List.of(tune("sgd(lr=0.01)", 0.40), tune("sgd(lr=0.1)", 0.30),
                tune("adam(lr=0.001)", 0.25), tune("adam(lr=0.003)", 0.28));
        List<Trial> finals = new ArrayList<>(finals("sgd(lr=0.1)", null, 1, 5));
        finals.addAll(finals("adam(lr=0.001)", null, 1, 5));
        return CompareRuns.writeTuned(directory.resolve("baseline"), experiment(), tuning, finals);
    }

    /** A candidate whose adam now selects lr=0.003 (0.27 < 0.29); sgd's tuning and selection are unchanged. */
    private Path candidate(String name, Map<String, Object> experiment, double[] adamShift, double adamSlowdown,
            int adamFinals) throws IOException {
        List<Trial> tuning = List.of(tune("sgd(lr=0.01)", 0.40), tune("sgd(lr=0.1)", 0.30),
                tune("adam(lr=0.001)", 0.29), tune("adam(lr=0.003)", 0.27));
        List<Trial> finals = new ArrayList<>(finals("sgd(lr=0.1)", null, 1, 5));
        finals.addAll(finals("adam(lr=0.003)", adamShift, adamSlowdown, adamFinals));
        return CompareRuns.writeTuned(directory.resolve(name), experiment, tuning, finals);
    }

    /** One-sided p of Student's t with 4 degrees of freedom: 1 − F(t), F(t) = 1/2 + (3/4) x (1 − x²/3), x = t/√(t² + 4). */
    private static double upperTail4(double t) {
        double x = t / Math.sqrt(t * t + 4);
        return 0.5 - 0.75 * x * (1 - x * x / 3);
    }

    private static ComparisonRow row(ComparisonResult result, String label, String metric) {
        return result.rows().stream().filter(r -> r.label().equals(label) && r.metric().equals(metric)).findFirst()
                .orElseThrow(() -> new AssertionError(label + " " + metric + ":\n" + result.toText()));
    }

    @Test
    void aMovedSelectionIsMatchedByFamilyAndAWorseFamilyRegresses() throws IOException {
        ComparisonResult result = Comparison.compare(baseline(), candidate("worse", experiment(), RISE, 1, 5),
                CompareOptions.defaults());
        assertEquals(1, result.exitCode(), result.toText());
        // One row set per family, keyed "sgd" and "adam", 5 final trials a side: the tuning trials are not compared.
        assertEquals(List.of("sgd", "adam"), result.rows().stream().map(ComparisonRow::label).distinct().toList());
        assertTrue(result.rows().stream().allMatch(r -> r.baselineN() == 5 && r.candidateN() == 5), result.toText());
        ComparisonRow adam = row(result, "adam", "val_loss (primary)");
        // Paired on seeds 1000..1004: mean rise 0.025, sd √(0.00025/4), t = 0.025 / (sd/√5) = √50.
        assertEquals("paired t", adam.test());
        assertEquals(0.025, adam.difference(), 1e-12);
        assertEquals(upperTail4(Math.sqrt(50)), adam.pValue(), 1e-9, "the only tested p: Holm leaves it");
        assertEquals(Verdict.REGRESSION, adam.verdict());
        ComparisonRow sgd = row(result, "sgd", "val_loss (primary)");
        assertEquals(Verdict.OK, sgd.verdict());
        assertEquals("identical on every seed", sgd.note());
        // The time rows are the final trials' medians (2.00 s), not the tuning trials' 100 s.
        assertEquals(2.00, row(result, "adam", "s_per_epoch (median)").baseline(), 1e-12);

        assertEquals(2, result.selections().size());
        TunedSelection moved = result.changedSelections().get(0);
        assertEquals("adam", moved.label());
        assertEquals("adam(lr=0.001)", moved.baseline());
        assertEquals("adam(lr=0.003)", moved.candidate());
        assertEquals(0.25, moved.baselineScore(), 0.0);
        assertEquals(0.27, moved.candidateScore(), 0.0);
        assertTrue(result.toText().contains(
                "selection changed: adam: adam(lr=0.001) → adam(lr=0.003) (tuning val_loss 0.25000 → 0.27000)\n"),
                result.toText());
        assertTrue(result.toText().contains("selection unchanged: sgd: sgd(lr=0.1) (tuning val_loss 0.30000 → 0.30000)"),
                result.toText());
        assertEquals("REGRESSION in 1 of 12 checks; selection changed for adam", result.summaryLine());
        String csv = result.failedChecksCsv();
        assertTrue(csv.lines().skip(1).allMatch(line -> line.startsWith("adam,val_loss (primary),metric,0.025")), csv);
    }

    @Test
    void aMovedSelectionThatIsNotWorsePassesAndIsSaid() throws IOException {
        Path baseline = baseline();
        Path candidate = candidate("moved", experiment(), null, 1, 5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = Comparison.run(baseline, candidate, CompareOptions.defaults(), null,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(0, code, "a changed selection alone is not a failure");
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("selection changed: adam: adam(lr=0.001) → adam(lr=0.003)"), printed);
        assertTrue(printed.contains("no regression (12 checks); selection changed for adam"), printed);
        String markdown = Files.readString(candidate.resolve("compare.md"));
        assertTrue(markdown.contains("## Selected configurations"), markdown);
        assertTrue(markdown.contains("| adam | `adam(lr=0.001)` | 0.25000 | `adam(lr=0.003)` | 0.27000 | **changed**:"
                + " adam(lr=0.001) → adam(lr=0.003) |"), markdown);
        assertTrue(markdown.contains("| sgd | `sgd(lr=0.1)` | 0.30000 | `sgd(lr=0.1)` | 0.30000 | unchanged |"), markdown);
        assertTrue(markdown.contains("Tuned studies: only the final trials are compared"), markdown);
    }

    @Test
    void finalTrialsWithoutSharedSeedsAreComparedUnpaired() throws IOException {
        // pairing: independent keys a final seed by the whole configuration, so a moved selection shares no seed.
        List<Trial> tuning = List.of(tune("sgd(lr=0.01)", 0.40), tune("sgd(lr=0.1)", 0.30),
                tune("adam(lr=0.001)", 0.29), tune("adam(lr=0.003)", 0.27));
        List<Trial> finals = new ArrayList<>(finals("sgd(lr=0.1)", null, 1, 5));
        finals.addAll(finals("adam(lr=0.003)", RISE, 1, 5).stream().map(t -> t.withSeed(5000 + t.repeat())).toList());
        Path candidate = CompareRuns.writeTuned(directory.resolve("independent"), experiment(), tuning, finals);
        ComparisonResult result = Comparison.compare(baseline(), candidate, CompareOptions.defaults());
        ComparisonRow adam = row(result, "adam", "val_loss (primary)");
        assertEquals("Welch t", adam.test());
        assertEquals(0.025, adam.difference(), 1e-12, "the difference of the means");
        assertEquals(5, adam.baselineN());
        assertEquals(5, adam.candidateN());
    }

    @Test
    void theTimeVerdictIsTakenOnFinalTrials() throws IOException {
        ComparisonResult result = Comparison.compare(baseline(), candidate("slow", experiment(), null, 1.5, 5),
                CompareOptions.defaults());
        assertEquals(4, result.exitCode(), result.toText());
        ComparisonRow time = row(result, "adam", "s_per_epoch (median)");
        assertEquals(Verdict.TIME_REGRESSION, time.verdict());
        assertEquals(1.5, time.difference(), 1e-12, "median 2.00 s → 3.00 s");
        // Mann–Whitney, 5 against 5 fully separated: p = 1 / C(10, 5) = 1/252; Holm over 2 time tests doubles it.
        assertEquals(2.0 / 252, time.pValue(), 1e-12);
    }

    @Test
    void aFamilyInOneRunOnlyIsMissingUnlessAllowed() throws IOException {
        Path baseline = baseline();
        // The candidate tuned adam only: its manifest has no sgd search space, which is not a settings difference.
        Map<String, Object> adamOnly = CompareRuns.tunedExperiment(2, 5, "val_loss <= 0.4", spaces(ADAM_SPACE));
        List<Trial> tuning = List.of(tune("adam(lr=0.001)", 0.25), tune("adam(lr=0.003)", 0.28));
        Path candidate = CompareRuns.writeTuned(directory.resolve("adam-only"), adamOnly, tuning,
                finals("adam(lr=0.001)", null, 1, 5));
        ComparisonResult result = Comparison.compare(baseline, candidate, CompareOptions.defaults());
        assertEquals(1, result.exitCode(), result.toText());
        ComparisonRow missing = result.regressions().get(0);
        assertEquals("sgd", missing.label());
        assertEquals(Verdict.MISSING, missing.verdict());
        assertEquals("optimizer without final trials on this problem in the candidate", missing.note());
        assertEquals(0, Comparison.compare(baseline, candidate, CompareOptions.defaults().withAllowMissing(true))
                .exitCode());
        // The other way round: sgd only in the candidate is a note, adam is compared.
        ComparisonResult reverse = Comparison.compare(candidate, baseline, CompareOptions.defaults());
        assertEquals(0, reverse.exitCode(), reverse.toText());
        assertTrue(reverse.notes().contains("only in the candidate, not compared: sgd / constant(unit=step) / [] / "
                + DATA + " / " + MLP), reverse.notes().toString());
    }

    @Test
    void anIncompleteFinalPhaseIsMissingAndNoFinalPhaseIsUnusable() throws IOException {
        Path baseline = baseline();
        ComparisonResult partial = Comparison.compare(baseline, candidate("partial", experiment(), null, 1, 3),
                CompareOptions.defaults());
        assertEquals(1, partial.exitCode(), partial.toText());
        assertEquals("the candidate has 3 of the baseline's 5 final trials; the candidate has 3 of its 5 planned final"
                + " trials", partial.regressions().get(0).note());

        List<Trial> tuning = List.of(tune("sgd(lr=0.01)", 0.40), tune("sgd(lr=0.1)", 0.30));
        Path killed = CompareRuns.writeTuned(directory.resolve("killed"), experiment(), tuning, List.of());
        ComparisonResult unusable = Comparison.compare(baseline, killed, CompareOptions.defaults());
        assertEquals(2, unusable.exitCode());
        assertTrue(unusable.problem().startsWith("the candidate has no final trials"), unusable.problem());
    }

    @Test
    void differentSearchSpacesBudgetsOrSeedsAreDifferentSettings() throws IOException {
        Path baseline = baseline();
        Map<String, Object> wider = CompareRuns.tunedExperiment(2, 5, "val_loss <= 0.4",
                spaces(SGD_SPACE, "adam(lr=loguniform(1e-5, 0.1))"));
        ComparisonResult space = Comparison.compare(baseline, candidate("wider", wider, null, 1, 5),
                CompareOptions.defaults());
        assertEquals(2, space.exitCode());
        assertEquals("the runs differ in their settings (tuning.search_spaces.adam: " + ADAM_SPACE
                + " → adam(lr=loguniform(1e-5, 0.1))); compare runs of the same experiment, or pass"
                + " --allow-different-settings", space.problem());
        ComparisonResult allowed = Comparison.compare(baseline, candidate("wider2", wider, null, 1, 5),
                CompareOptions.defaults().withAllowDifferentSettings(true));
        assertEquals(0, allowed.exitCode(), allowed.toText());

        Map<String, Object> bigger = experiment();
        @SuppressWarnings("unchecked")
        Map<String, Object> block = (Map<String, Object>) bigger.get("tuning");
        block.put("budget", 4);
        block.put("seeds", 2);
        ComparisonResult budget = Comparison.compare(baseline, candidate("bigger", bigger, null, 1, 5),
                CompareOptions.defaults());
        assertEquals(2, budget.exitCode());
        assertTrue(budget.problem().startsWith("the runs differ in their settings (tuning.budget: 2 → 4;"
                + " tuning.seeds: 1 → 2)"), budget.problem());

        // Fewer final seeds are fewer repeats, not another setting: the missing final trials fail.
        ComparisonResult fewer = Comparison.compare(baseline, candidate("fewer",
                CompareRuns.tunedExperiment(2, 3, "val_loss <= 0.4", spaces(SGD_SPACE, ADAM_SPACE)), null, 1, 3),
                CompareOptions.defaults());
        assertEquals(1, fewer.exitCode(), fewer.toText());
        assertEquals("the candidate has 3 of the baseline's 5 final trials", fewer.regressions().get(0).note());
    }

    @Test
    void aTunedStudyAndAPlainRunAreRefusedSayingWhy() throws IOException {
        Path tuned = baseline();
        List<Trial> trials = finals("sgd(lr=0.1)", null, 1, 5);
        Path plain = CompareRuns.write(directory.resolve("plain"), CompareRuns.experiment(3, 5, "val_loss <= 0.4",
                trials.get(0).configuration()), trials);
        ComparisonResult result = Comparison.compare(tuned, plain, CompareOptions.defaults());
        assertEquals(2, result.exitCode());
        assertTrue(result.problem().startsWith("the baseline is a tuned study (its trials.csv has tune and final"
                + " phases) and the candidate is a plain run"), result.problem());
        assertTrue(result.problem().endsWith("compare two runs of the same experiment file (both tuned, or both"
                + " plain)"), result.problem());
        ComparisonResult reverse = Comparison.compare(plain, tuned, CompareOptions.defaults());
        assertEquals(2, reverse.exitCode());
        assertTrue(reverse.problem().startsWith("the candidate is a tuned study"), reverse.problem());
    }
}
