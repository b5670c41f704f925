package org.optbench.reports.compare;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.optbench.reports.compare.CompareRuns.SGD;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.optbench.reports.compare.CompareRuns.Trial;

/**
 * The false-alarm rate and the power of compare's verdicts, measured on synthetic run pairs compared as
 * {@code optbench compare} compares the files of two runs, against rates computed here from the distributions
 * drawn from.
 * Each simulation has 200 pairs: a rate's binomial standard deviation is at most √(0.25/200) = 3.5 points (1.5
 * points at a rate of 0.05), so the bounds below allow 3 standard deviations where they check agreement.
 */
class CompareSimulationTest {
    private static final int PAIRS = 200;
    private static final int SEEDS = 5;
    private static final double ALPHA = 0.05;
    /** Per-seed effect shared by both runs (the same initial weights and batches), and the run-to-run noise. */
    private static final double SEED_SD = 0.02;
    private static final double RUN_SD = 0.01;
    /** The test alone: no minimum effect, so every alarm comes from the p-value. */
    private static final CompareOptions TEST_ONLY = CompareOptions.defaults().withMinLossIncrease(0)
            .withTime(TimeMode.WARN);

    @Test
    void nullPairsRaiseFalseAlarmsAtMostAlphaPlusTwoPoints() {
        SplittableRandom random = new SplittableRandom(20261201);
        int alarms = 0;
        for (int pair = 0; pair < PAIRS; pair++) {
            alarms += metricAlarm(random, 0) ? 1 : 0;
        }
        double rate = (double) alarms / PAIRS;
        report("metric false-alarm rate, null pairs", rate, ALPHA);
        // Normal data: the one-sided paired t-test's size is exactly alpha.
        assertTrue(rate <= ALPHA + 0.02, "false-alarm rate " + rate);
        assertTrue(rate >= ALPHA - 3 * Math.sqrt(ALPHA * (1 - ALPHA) / PAIRS), "a test that never fires: " + rate);
    }

    @Test
    void aShiftOfOneAndAHalfStandardDeviationsWithFivePairedSeedsIsCaught() {
        // The shift is 1.5 standard deviations of the per-seed difference, σ_d = √2 · RUN_SD.
        double shift = 1.5 * Math.sqrt(2) * RUN_SD;
        SplittableRandom random = new SplittableRandom(7);
        int caught = 0;
        for (int pair = 0; pair < PAIRS; pair++) {
            caught += metricAlarm(random, shift) ? 1 : 0;
        }
        double rate = (double) caught / PAIRS;
        double expected = noncentralTPower(SEEDS - 1, 1.5 * Math.sqrt(SEEDS), ALPHA);
        report("power, 1.5 SD shift, 5 paired seeds", rate, expected);
        assertTrue(expected >= 0.8, "the design's power " + expected);
        assertTrue(rate >= 0.8, "caught " + rate);
        assertTrue(Math.abs(rate - expected) <= 3 * Math.sqrt(expected * (1 - expected) / PAIRS),
                "observed " + rate + " against the noncentral t's " + expected);
    }

    @Test
    void theTimeVerdictRarelyFiresUnderLogNormalNoise() {
        // Seconds per epoch 2 s · exp(N(0, 0.3²)) per trial, identical code: a 1.35× spread between trials.
        SplittableRandom random = new SplittableRandom(99);
        int alarms = 0;
        int loadAlarms = 0;
        for (int pair = 0; pair < PAIRS; pair++) {
            alarms += timeAlarm(random, 0.3, 0, 1) ? 1 : 0;
            // The same, plus a load factor per run (another process on the machine), exp(N(0, 0.1²)).
            loadAlarms += timeAlarm(random, 0.3, 0.1, 1) ? 1 : 0;
        }
        double rate = (double) alarms / PAIRS;
        double loadRate = (double) loadAlarms / PAIRS;
        report("time false-alarm rate, log-normal noise σ = 0.3 (the test's size is at most alpha)", rate,
                Double.NaN);
        report("time false-alarm rate, plus a per-run load factor σ = 0.1", loadRate, Double.NaN);
        // The exact Mann–Whitney test has size at most alpha; the minimum ratio only removes alarms.
        assertTrue(rate <= ALPHA + 0.02, "time false-alarm rate " + rate);
        assertTrue(loadRate <= ALPHA + 0.02, "time false-alarm rate under load " + loadRate);
        // A real 1.5× slowdown is still seen: with σ = 0.3 the log shift 0.405 is 1.35 standard deviations.
        int caught = 0;
        for (int pair = 0; pair < PAIRS; pair++) {
            caught += timeAlarm(random, 0.3, 0, 1.5) ? 1 : 0;
        }
        report("time power, 1.5× slowdown, 5 against 5 trials", (double) caught / PAIRS, Double.NaN);
        assertTrue(caught >= PAIRS / 2, "1.5× slowdown caught in " + caught + " of " + PAIRS);
    }

    /** One pair on a loss; true when compare calls it a regression. */
    private static boolean metricAlarm(SplittableRandom random, double shift) {
        List<Trial> base = new ArrayList<>();
        List<Trial> next = new ArrayList<>();
        for (int r = 0; r < SEEDS; r++) {
            double seedEffect = SEED_SD * gaussian(random);
            base.add(Trial.of(SGD, r, Double.NaN, 0.3 + seedEffect + RUN_SD * gaussian(random), 2));
            next.add(Trial.of(SGD, r, Double.NaN, 0.3 + seedEffect + shift + RUN_SD * gaussian(random), 2));
        }
        ComparisonResult result = compare(base, next);
        return result.regressions().stream().anyMatch(row -> row.kind() == ComparisonRow.Kind.METRIC);
    }

    /** One pair on time; true when compare calls it a time regression. */
    private static boolean timeAlarm(SplittableRandom random, double trialSd, double runSd, double slowdown) {
        double baseLoad = Math.exp(runSd * gaussian(random));
        double nextLoad = Math.exp(runSd * gaussian(random));
        List<Trial> base = new ArrayList<>();
        List<Trial> next = new ArrayList<>();
        for (int r = 0; r < SEEDS; r++) {
            base.add(Trial.of(SGD, r, Double.NaN, 0.3, 2 * baseLoad * Math.exp(trialSd * gaussian(random))));
            next.add(Trial.of(SGD, r, Double.NaN, 0.3, 2 * slowdown * nextLoad * Math.exp(trialSd
                    * gaussian(random))));
        }
        return !compare(base, next).timeRegressions().isEmpty();
    }

    /** Compares in memory what compare would read from the two runs' files (ComparisonTest covers the files). */
    private static ComparisonResult compare(List<Trial> base, List<Trial> next) {
        var manifest = CompareRuns.manifest(CompareRuns.experiment(3, SEEDS, null, SGD));
        Path baseline = Path.of("baseline");
        return Comparison.compare(baseline, baseline.toAbsolutePath(), CompareRuns.rows(base), manifest,
                Path.of("candidate"), CompareRuns.rows(next), manifest, TEST_ONLY);
    }

    /**
     * P(T > t(1 − α, ν)) for T noncentral t with ν degrees of freedom and noncentrality δ, from its definition
     * T = (Z + δ) / √(V/ν), Z standard normal, V chi-squared(ν): ∫ P(Z > c √(v/ν) − δ) f_V(v) dv by Simpson's
     * rule on [0, 80] with 8,000 intervals (the chi-squared(4) tail beyond 80 is below 1e-15).
     */
    static double noncentralTPower(int degrees, double noncentrality, double alpha) {
        double critical = TDistribution.of(degrees).inverseCumulativeProbability(1 - alpha);
        ChiSquaredDistribution chi = ChiSquaredDistribution.of(degrees);
        NormalDistribution normal = NormalDistribution.of(0, 1);
        int intervals = 8000;
        double upper = 80;
        double h = upper / intervals;
        double sum = 0;
        for (int i = 0; i <= intervals; i++) {
            double v = i * h;
            double weight = i == 0 || i == intervals ? 1 : i % 2 == 1 ? 4 : 2;
            sum += weight * normal.survivalProbability(critical * Math.sqrt(v / degrees) - noncentrality)
                    * chi.density(v);
        }
        return sum * h / 3;
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller, one of the pair.
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static void report(String what, double rate, double expected) {
        System.out.println(String.format(Locale.ROOT, "%s: %.3f%s", what, rate,
                Double.isNaN(expected) ? "" : String.format(Locale.ROOT, " (expected %.3f)", expected)));
    }
}
