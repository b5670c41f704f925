package org.optbench.harness.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.optbench.datasets.Dataset;
import org.optbench.harness.testing.TestComponentsModule;
import org.optbench.harness.wiring.DataOptions;
import org.optbench.harness.wiring.Registry;
import org.optbench.harness.wiring.Wiring;
import org.optbench.reports.CurveRow;
import org.optbench.reports.TrialStatus;
import org.optbench.reports.csv.TraceCsv;

class TrialRunnerTest {
    static final Registry REGISTRY = Wiring.registry(List.of(TestComponentsModule.class.getName()));
    static final TrialRunner FUNCTIONS = new TrialRunner(REGISTRY, name -> {
        throw new AssertionError("no data set expected");
    });

    static TrialSettings steps(int steps, Target target) {
        return new TrialSettings(1, 1, false, steps, 0, 100, 0, target);
    }

    static Trial function(String dataset, String optimizer, List<String> regularizers, TrialSettings settings) {
        String opt = REGISTRY.optimizer(org.optbench.harness.config.ComponentParser.parse(optimizer, "test"), "test").get(0).canonical();
        String data = REGISTRY.dataset(org.optbench.harness.config.ComponentParser.parse(dataset, "test"), "test").get(0).canonical();
        return new Trial(0, data, "", opt, "constant(unit=step)", regularizers, 0, 1, 2, settings);
    }

    static double quartic(double x) {
        return 0.3 * x * x * x * x - 0.1 * x * x * x - 2 * x * x - 0.8 * x;
    }

    @Test
    void sgdOnTheQuarticStopsInTheLocalMinimumAsSpecSays() {
        TrialResult result = FUNCTIONS.run(function("quartic(start=[-2.795])", "sgd(lr=0.05)", List.of(), steps(99, null)));
        List<TraceCsv.Point> trace = result.trace();
        assertEquals(100, trace.size(), "row 0 is the start, then one row per update");
        assertEquals(-2.795f, trace.get(0).parameters()[0]);
        // f(-2.795) by the formula in double at the float start point.
        assertEquals(quartic((double) -2.795f), trace.get(0).loss(), 1e-12);
        // docs/math.md worked example 3: the first gradient is about -18.17, so theta_1 = -2.795 + 0.05 * 18.17 = -1.887.
        assertEquals(-1.887, trace.get(1).parameters()[0], 1e-3);
        // After 99 updates: the local minimum -1.586, f about -1.465 (docs/math.md, 3 decimals).
        assertEquals(-1.586, trace.get(99).parameters()[0], 1e-3);
        assertEquals(-1.465, result.row().trainLoss(), 1e-3);
        assertEquals(TrialStatus.OK, result.row().status());
        assertEquals(99, result.row().steps());
    }

    @Test
    void momentumEscapesToTheGlobalMinimumAndMeetsTheTarget() {
        Target target = Target.parse("train_loss <= -5.6", "test");
        TrialResult result = FUNCTIONS.run(function("quartic(start=[-2.795])", "momentum(lr=0.05, momentum=0.9)", List.of(),
                steps(200, target)));
        List<TraceCsv.Point> trace = result.trace();
        // docs/math.md: momentum 0.9 escapes and settles at the global minimum 2.042 (f = -5.609).
        assertEquals(2.042, trace.get(200).parameters()[0], 2e-3);
        int first = -1;
        for (int i = 0; i < trace.size(); i++) {
            if (trace.get(i).loss() <= -5.6) {
                first = i;
                break;
            }
        }
        assertTrue(first > 0);
        assertEquals(first, result.row().stepsToTarget(), "steps to target: the first update whose loss meets it");
        assertTrue(result.row().secondsToTarget() >= 0);
    }

    @Test
    void l2PenaltyAndMaxNormActAtTheirHooks() {
        // quadratic(dim=2, kappa=1) is f = |x|^2 / 2, gradient x; l2(lambda=0.5) adds 2 * 0.5 * x, so the gradient is 2x
        // and sgd with lr 0.25 halves x at every update: (1, -2) -> (0.5, -1) -> (0.25, -0.5).
        TrialResult penalized = FUNCTIONS.run(function("quadratic(dim=2, kappa=1, start=[1, -2])", "sgd(lr=0.25)",
                List.of("l2(lambda=0.5, biases=false)"), steps(2, null)));
        assertEquals(0.5f, penalized.trace().get(1).parameters()[0]);
        assertEquals(-1f, penalized.trace().get(1).parameters()[1]);
        assertEquals(0.25f, penalized.trace().get(2).parameters()[0]);
        assertEquals(-0.5f, penalized.trace().get(2).parameters()[1]);
        // The trace's loss is the function value without the penalty: |(0.25, -0.5)|^2 / 2 = 0.15625.
        assertEquals(0.15625, penalized.trace().get(2).loss(), 1e-12);

        // max-norm(c=1) after each update: sgd lr 0.1 from (3, 4) gives (2.7, 3.6), of norm 4.5, rescaled to (0.6, 0.8).
        TrialResult projected = FUNCTIONS.run(function("quadratic(dim=2, kappa=1, start=[3, 4])", "sgd(lr=0.1)",
                List.of("max-norm(c=1)"), steps(1, null)));
        assertEquals(0.6, projected.trace().get(1).parameters()[0], 1e-6);
        assertEquals(0.8, projected.trace().get(1).parameters()[1], 1e-6);
    }

    @Test
    void divergenceEndsTheTrialWithItsStatus() {
        TrialResult result = FUNCTIONS.run(function("rosenbrock", "sgd(lr=0.1)", List.of(), steps(100, null)));
        assertEquals(TrialStatus.DIVERGED, result.row().status());
        assertTrue(result.row().steps() < 100, "stopped at the update that diverged");
        assertTrue(result.row().message().contains("at update " + result.row().steps()), result.row().message());
        // The loss of the last trace row is the one that crossed 100 x the initial loss (or is not finite).
        double last = result.trace().get(result.trace().size() - 1).loss();
        assertTrue(!Double.isFinite(last) || last > 100 * Math.max(1, result.trace().get(0).loss()));
    }

    @Test
    void timeBudgetStopsATrial() {
        TrialSettings settings = new TrialSettings(1, 1, false, 50_000_000, 0, 0, 1e-3, null);
        TrialResult result = FUNCTIONS.run(function("quadratic", "sgd(lr=1e-6)", List.of(), settings));
        assertEquals(TrialStatus.TIME_BUDGET, result.row().status());
        assertTrue(result.row().steps() < 50_000_000);
    }

    @Test
    void earlyStoppingRestoresTheBestEpoch() {
        Dataset blobs = loadBlobs();
        TrialRunner runner = new TrialRunner(REGISTRY, name -> blobs);
        TrialSettings settings = new TrialSettings(30, 8, false, 1, 0, 0, 0, null);
        Trial trial = new Trial(0, blobs.name(), "test-softmax", "sgd(lr=5)", "constant(unit=step)",
                List.of("early-stopping(patience=2, min_delta=0, metric=val_loss)"), 0, 3, 4, settings);
        TrialResult result = runner.run(trial);
        List<CurveRow> epochRows = result.curves();
        int best = -1;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (CurveRow row : epochRows) {
            if (row.epoch() >= 1 && row.validationLoss() < bestLoss) {
                bestLoss = row.validationLoss();
                best = row.epoch();
            }
        }
        assertEquals(best, result.row().bestEpoch());
        assertEquals(bestLoss, result.row().validationLoss(), 0.0, "final metrics are those of the restored best epoch");
        if (result.row().status() == TrialStatus.STOPPED_EARLY) {
            assertEquals(best + 2, result.row().epochsRun(), "stopped patience epochs after the best one");
        } else {
            assertEquals(30, result.row().epochsRun());
        }
    }

    @Test
    void sameTrialSameRowsWhateverElseRuns() {
        Dataset blobs = loadBlobs();
        TrialRunner runner = new TrialRunner(REGISTRY, name -> blobs);
        TrialSettings settings = new TrialSettings(2, 16, false, 1, 5, 0, 0, null);
        Trial trial = new Trial(4, blobs.name(), "test-softmax", "adam(lr=0.01)", "constant(unit=step)", List.of(), 1, 99, 5, settings);
        TrialResult first = runner.run(trial);
        runner.run(new Trial(5, blobs.name(), "test-softmax", "sgd(lr=0.1)", "constant(unit=step)", List.of(), 0, 98, 5, settings));
        TrialResult again = runner.run(trial);
        assertEquals(first.curves().size(), again.curves().size());
        for (int i = 0; i < first.curves().size(); i++) {
            assertEquals(first.curves().get(i).trainLoss(), again.curves().get(i).trainLoss(), 0.0);
            assertEquals(first.curves().get(i).validationLoss(), again.curves().get(i).validationLoss(), 0.0);
        }
        // eval_every 5 adds rows inside the epoch: 120 / 16 = 8 batches, rows at steps 5 and then epoch ends 8, 13, 16.
        assertEquals(List.of(0L, 5L, 8L, 10L, 15L, 16L), first.curves().stream().map(CurveRow::step).toList());
    }

    @Test
    void seedsAreTheDocumentedMixOfFnvAndSplittableRandom() {
        // Computed independently in Python: mix(seed, key) = mix64(mix64(FNV-1a 64 of the key's UTF-8) ^ seed), with
        // mix64 SplittableRandom's output function (Stafford variant 13).
        assertEquals(-6406161229768624700L,
                TrialSeeds.pairedTrialSeed(42, "blobs(classes=3, dim=2, separation=1, n=120)", "softmax", 0));
        assertEquals(6284104359028747050L, TrialSeeds.dataSeed(42, "mnist"));
        assertEquals(6934771511871585269L, TrialSeeds.pairedTrialSeed(7, "quartic(noise=0)", ""));
    }

    @Test
    void pairedSeedsDependOnDataModelAndRepeatOnly() {
        long a = TrialSeeds.pairedTrialSeed(42, "blobs", "softmax", 0);
        assertTrue(a != TrialSeeds.pairedTrialSeed(42, "blobs", "softmax", 1));
        assertTrue(a != TrialSeeds.pairedTrialSeed(43, "blobs", "softmax", 0));
        assertTrue(a != TrialSeeds.pairedTrialSeed(42, "blobs", "mlp", 0));
        assertTrue(a != TrialSeeds.pairedTrialSeed(42, "spirals", "softmax", 0));
        assertTrue(TrialSeeds.dataSeed(42, "blobs") != TrialSeeds.dataSeed(42, "spirals"));
    }

    static Dataset loadBlobs() {
        try {
            return REGISTRY.loadDataset("blobs(classes=3, dim=2, separation=1, n=120)", new DataOptions(null, 0.1, 0, "none", 5));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

}
