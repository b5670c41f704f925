package org.optbench.harness.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoMap;
import com.google.inject.multibindings.StringMapKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.optbench.datasets.DataSplit;
import org.optbench.datasets.Dataset;
import org.optbench.harness.config.ExperimentFile;
import org.optbench.harness.config.ExperimentParser;
import org.optbench.harness.config.Plan;
import org.optbench.harness.testing.TestComponentsModule;
import org.optbench.harness.trial.Trial;
import org.optbench.harness.trial.TrialResult;
import org.optbench.harness.trial.TrialRunner;
import org.optbench.harness.wiring.DataOptions;
import org.optbench.harness.wiring.Factories;
import org.optbench.harness.wiring.OptimizerFactory;
import org.optbench.harness.wiring.ParameterSpec;
import org.optbench.harness.wiring.Registry;
import org.optbench.harness.wiring.Wiring;
import org.optbench.optimizers.Optimizer;
import org.optbench.optimizers.OptimizerState;
import org.optbench.reports.CurveRow;

/**
 * The paired design: at the same repeat every optimizer starts from the same weights, sees the same batches and the
 * same dropout masks; the trials come from real experiment files through the parser, so the seeds are the ones a run
 * uses. Each check compares losses that only agree when the random numbers agree, and the independent design is run
 * through the same checks to show they can fail.
 */
class PairedSeedsTest {
    private static final Registry REGISTRY = Wiring.registry(
            List.of(TestComponentsModule.class.getName(), TwiceEvaluatingModule.class.getName()));
    private static final String OPTIMIZERS = "[sgd(lr=0.1), momentum(lr=0.05, momentum=0.9), nesterov(lr=0.05),"
            + " adam(lr=0.01), rmsprop(lr=0.01), twice-sgd(lr=0.1)]";

    /** Plain SGD that evaluates the batch objective twice per update, as a rule with a second gradient might. */
    public static final class TwiceEvaluatingModule extends AbstractModule {
        @ProvidesIntoMap
        @StringMapKey("twice-sgd")
        OptimizerFactory twiceSgd() {
            return Factories.optimizer("twice-sgd", "SGD whose objective is evaluated twice per update",
                    List.of(ParameterSpec.real("lr", 0.1, "step length, > 0")), values -> new TwiceSgd(values.real("lr")));
        }
    }

    record TwiceSgd(double learningRate) implements Optimizer {
        @Override
        public String name() {
            return "twice-sgd";
        }

        @Override
        public OptimizerState init(int dimension) {
            float[] gradient = new float[dimension];
            return (theta, batch, rate) -> {
                batch.lossAndGradient(theta, gradient);
                double loss = batch.lossAndGradient(theta, gradient);
                float step = (float) rate; // the same float arithmetic as optbench's sgd
                for (int i = 0; i < theta.length; i++) {
                    theta[i] -= step * gradient[i];
                }
                return loss;
            };
        }
    }

    private static List<TrialResult> run(String yaml, Function<String, Dataset> data) {
        Plan plan = new ExperimentParser(REGISTRY).parsePlan(ExperimentFile.parse(yaml, "paired.yaml"), List.of(),
                "paired.yaml", "paired");
        TrialRunner runner = new TrialRunner(REGISTRY, data::apply);
        List<TrialResult> results = new ArrayList<>();
        for (Trial trial : plan.trials(REGISTRY::isFunction)) {
            results.add(runner.run(trial));
        }
        return results;
    }

    private static Dataset blobs(String canonical, long dataSeed) {
        try {
            return REGISTRY.loadDataset(canonical, new DataOptions(null, 0.1, 0, "none", dataSeed));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The train_loss of the row at {@code step}, per optimizer, per repeat. */
    private static Map<Integer, Map<String, Double>> lossAt(List<TrialResult> results, long step) {
        Map<Integer, Map<String, Double>> byRepeat = new TreeMap<>();
        for (TrialResult result : results) {
            CurveRow row = result.curves().stream().filter(r -> r.step() == step).findFirst().orElseThrow();
            byRepeat.computeIfAbsent(result.trial().repeat(), r -> new TreeMap<>())
                    .put(result.trial().optimizer(), row.trainLoss());
        }
        return byRepeat;
    }

    private static void assertSharedWithinRepeats(Map<Integer, Map<String, Double>> losses) {
        Set<Double> perRepeat = new HashSet<>();
        for (Map<String, Double> repeat : losses.values()) {
            assertEquals(1, new HashSet<>(repeat.values()).size(), "every optimizer of a repeat: " + repeat);
            perRepeat.add(repeat.values().iterator().next());
        }
        assertEquals(losses.size(), perRepeat.size(), "repeats draw different numbers: " + losses);
    }

    private static String mlp(String pairing, String regularizers) {
        return """
                name: paired
                seed: 11
                pairing: %s
                dataset: blobs(classes=3, dim=4, n=200)
                model: mlp(hidden=[16], activation=relu)
                optimizer: %s
                regularizers: %s
                epochs: 1
                batch: 16
                eval_every: 1
                repeats: 2
                """.formatted(pairing, OPTIMIZERS, regularizers);
    }

    @Test
    void everyOptimizerOfARepeatStartsFromTheSameWeightsAndBatches() {
        List<TrialResult> results = run(mlp("paired", "[]"), name -> blobs(name, 11));
        // Step 0: a full pass at the initial weights. Step 1: the first batch's loss at the initial weights (every
        // rule here evaluates at θ on its first update; Nesterov's look-ahead has zero velocity), so it agrees only
        // if the first batch holds the same examples.
        assertSharedWithinRepeats(lossAt(results, 0));
        assertSharedWithinRepeats(lossAt(results, 1));
        // The rules do differ after that: the paired design shares random numbers, not results.
        Map<String, Double> second = lossAt(results, 2).get(0);
        assertEquals(second.size(), new HashSet<>(second.values()).size() + 1,
                "only sgd and twice-sgd (same rule, same masks) agree at step 2: " + second);
    }

    @Test
    void dropoutMasksAreSharedAndKeyedByUpdate() {
        List<TrialResult> results = run(mlp("paired", "[dropout(p=0.5)]"), name -> blobs(name, 11));
        // Step 1's loss is that of the first batch under its dropout masks: shared by every optimizer.
        assertSharedWithinRepeats(lossAt(results, 1));
        // twice-sgd draws its objective twice per update; with masks keyed by the update it follows sgd exactly.
        for (int repeat = 0; repeat < 2; repeat++) {
            int r = repeat;
            List<CurveRow> sgd = curves(results, "sgd(lr=0.1)", r);
            List<CurveRow> twice = curves(results, "twice-sgd(lr=0.1)", r);
            assertEquals(sgd.size(), twice.size());
            for (int i = 0; i < sgd.size(); i++) {
                assertEquals(sgd.get(i).trainLoss(), twice.get(i).trainLoss(), 0.0, "row " + i);
                assertEquals(sgd.get(i).validationLoss(), twice.get(i).validationLoss(), 0.0, "row " + i);
            }
        }
    }

    @Test
    void theIndependentDesignGivesEachConfigurationItsOwnNumbers() {
        List<TrialResult> results = run(mlp("independent", "[]"), name -> blobs(name, 11));
        for (Map<String, Double> repeat : lossAt(results, 0).values()) {
            assertEquals(repeat.size(), new HashSet<>(repeat.values()).size(), "all step-0 losses differ: " + repeat);
        }
    }

    @Test
    void cnnTrialsOfARepeatStartFromTheSameWeights() {
        // A small stand-in for MNIST with the CNN's 28x28 shape: the provider hands it out under the name "mnist".
        Dataset images = images(48, 7);
        List<TrialResult> results = run("""
                name: paired-cnn
                dataset: mnist
                model: cnn(c1=2, c2=4, dense=8)
                optimizer: [sgd(lr=0.05), adam(lr=0.001), momentum(lr=0.01, momentum=0.9)]
                epochs: 1
                batch: 16
                eval_every: 1
                repeats: 2
                """, name -> images);
        assertSharedWithinRepeats(lossAt(results, 0));
        assertSharedWithinRepeats(lossAt(results, 1));
    }

    @Test
    void dataSeedsFollowTheDataSetNotTheTrialSeed() {
        Plan plan = new ExperimentParser(REGISTRY).parsePlan(ExperimentFile.parse("""
                seed: 1
                data_seed: 5
                dataset: [blobs, spirals]
                model: test-softmax
                optimizer: [sgd, adam]
                repeats: 2
                """, "data.yaml"), List.of(), "data.yaml", "data");
        List<Trial> trials = plan.trials(REGISTRY::isFunction);
        for (Trial trial : trials) {
            assertEquals(org.optbench.harness.trial.TrialSeeds.dataSeed(5, trial.dataset()), trial.dataSeed());
        }
        assertNotEquals(trials.get(0).dataSeed(), trials.get(trials.size() - 1).dataSeed(), "blobs vs spirals");
        // Same data seed, other trial seed: the same synthetic draw.
        Dataset a = blobs(trials.get(0).dataset(), trials.get(0).dataSeed());
        Dataset b = blobs(trials.get(1).dataset(), trials.get(1).dataSeed());
        assertArrayEquals(a.train().features(), b.train().features());
    }

    private static List<CurveRow> curves(List<TrialResult> results, String optimizer, int repeat) {
        return results.stream().filter(r -> r.trial().optimizer().equals(optimizer) && r.trial().repeat() == repeat)
                .findFirst().orElseThrow().curves();
    }

    private static Dataset images(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Function<Integer, DataSplit> split = n -> {
            float[] pixels = new float[n * 784];
            int[] labels = new int[n];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) random.nextDouble();
            }
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextInt(10);
            }
            return new DataSplit("split", n, 784, pixels, labels, 0, null);
        };
        return new Dataset("mnist", split.apply(count), split.apply(16), split.apply(16), 10, new int[] {1, 28, 28});
    }
}
