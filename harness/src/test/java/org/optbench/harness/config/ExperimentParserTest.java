package org.optbench.harness.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optbench.harness.UserError;
import org.optbench.harness.run.ExperimentRunner;
import org.optbench.harness.testing.TestComponentsModule;
import org.optbench.harness.trial.EvaluationPlan;
import org.optbench.harness.trial.Trial;
import org.optbench.harness.wiring.Registry;
import org.optbench.harness.wiring.Wiring;

class ExperimentParserTest {
    static final Registry REGISTRY = Wiring.registry(List.of(TestComponentsModule.class.getName()));

    static Plan plan(String yaml, String... overrides) {
        return new ExperimentParser(REGISTRY).parsePlan(ExperimentFile.parse(yaml, "e.yaml"), List.of(overrides), "e.yaml", "e");
    }

    @Test
    void componentSyntaxWithNestedListsAndQuotes() {
        ComponentSpec spec = ComponentParser.parse(" mlp( hidden=[128, 64], activation = relu, note='a, b') ", "t");
        assertEquals("mlp", spec.name());
        assertEquals("[128, 64]", spec.parameters().get("hidden").text());
        assertEquals("relu", spec.parameters().get("activation").text());
        assertEquals("a, b", spec.parameters().get("note").text());
        UserError error = assertThrows(UserError.class, () -> ComponentParser.parse("adam(lr=0.1", "t"));
        assertTrue(error.getMessage().contains("expected ')' at the end"), error.getMessage());
        assertThrows(UserError.class, () -> ComponentParser.parse("adam(lr=1, lr=2)", "t"));
    }

    @Test
    void everyListIsAGridAxisAndParametersAreResolved() {
        Plan plan = plan("""
                dataset: blobs(n=60)
                model: test-softmax
                optimizer:
                  - sgd(lr=[0.1, 0.01])
                  - adam
                schedule:
                  - constant
                  - step(gamma=0.5, every=[1, 2], unit=epoch)
                regularizers: [[], [l2, max-norm(c=2)]]
                seeds: [1, 2, 3]
                """);
        Experiment experiment = plan.parts().get(0);
        assertEquals(List.of("sgd(lr=0.1)", "sgd(lr=0.01)", "adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8, eps_inside=false)"),
                experiment.optimizers());
        assertEquals(List.of("constant(unit=step)", "step(gamma=0.5, every=1, unit=epoch)", "step(gamma=0.5, every=2, unit=epoch)"),
                experiment.schedules());
        assertEquals(List.of(List.of(), List.of("l2(lambda=1e-4, biases=false)", "max-norm(c=2)")), experiment.regularizerSets());
        List<Trial> trials = plan.trials(REGISTRY::isFunction);
        assertEquals(3 * 3 * 2 * 3, trials.size());
        for (int i = 0; i < trials.size(); i++) {
            assertEquals(i, trials.get(i).id());
        }
    }

    @Test
    void aTrialsSeedDoesNotDependOnItsPositionInTheGrid() {
        Map<String, Long> forward = seeds(plan("dataset: quartic\noptimizer: [sgd, adagrad, adam]\nrepeats: 2\n"));
        Map<String, Long> backward = seeds(plan("dataset: quartic\noptimizer: [adam, adagrad, sgd]\nrepeats: 2\n"));
        assertEquals(forward, backward);
        assertEquals(2, forward.values().stream().distinct().count(), "paired: the optimizers of a repeat share its seed");
        Map<String, Long> independent = seeds(plan("dataset: quartic\noptimizer: [sgd, adagrad, adam]\nrepeats: 2\n"
                + "pairing: independent\n"));
        assertEquals(independent, seeds(plan("dataset: quartic\noptimizer: [adam, adagrad, sgd]\nrepeats: 2\n"
                + "pairing: independent\n")));
        assertEquals(6, independent.values().stream().distinct().count(), "independent: every trial has its own seed");
    }

    @Test
    void aPairingOtherThanPairedOrIndependentIsNamed() {
        UserError error = assertThrows(UserError.class, () -> plan("dataset: quartic\noptimizer: sgd\npairing: matched\n"));
        assertTrue(error.getMessage().contains("pairing") && error.getMessage().contains("must be paired"),
                error.getMessage());
        assertTrue(error.getMessage().contains("got 'matched'"), error.getMessage());
    }

    private static Map<String, Long> seeds(Plan plan) {
        Map<String, Long> seeds = new HashMap<>();
        for (Trial trial : plan.trials(REGISTRY::isFunction)) {
            seeds.put(trial.configuration() + "#" + trial.repeat(), trial.seed());
        }
        return seeds;
    }

    @Test
    void flowListsSplitInsideParenthesesAreJoinedBack() {
        Plan plan = plan("dataset: quartic\noptimizer: [momentum(lr=0.05, momentum=0.5), sgd]\n");
        assertEquals(List.of("momentum(lr=0.05, momentum=0.5)", "sgd(lr=0.01)"), plan.parts().get(0).optimizers());
    }

    @Test
    void setOverridesWinAndNameTheirOrigin() {
        Plan plan = plan("dataset: quartic\noptimizer: sgd\nsteps: 5\n", "steps=7", "optimizer=[adam(lr=0.1, beta1=0.5), sgd]");
        assertEquals(7, plan.parts().get(0).settings().steps());
        assertEquals(2, plan.parts().get(0).optimizers().size());
        UserError error = assertThrows(UserError.class, () -> plan("dataset: quartic\noptimizer: sgd\n", "stepz=3"));
        assertEquals("--set stepz: unknown key 'stepz' (did you mean 'steps'?); known keys: " + String.join(", ", ExperimentKey.keys()),
                error.getMessage());
    }

    @Test
    void partsShareTheRunKeysAndTakeTheirOwnGrid() {
        Plan plan = plan("""
                name: two
                repeats: 2
                parts:
                  - dataset: quartic
                    optimizer: sgd(lr=0.05)
                    steps: 10
                  - dataset: rosenbrock
                    optimizer: [sgd(lr=0.001), adam]
                    repeats: 1
                """);
        List<Trial> trials = plan.trials(REGISTRY::isFunction);
        assertEquals(2 + 2, trials.size());
        assertEquals(10, trials.get(0).settings().steps());
        assertEquals(100, trials.get(2).settings().steps());
        UserError error = assertThrows(UserError.class, () -> plan("parts:\n  - dataset: quartic\n    optimizer: sgd\n    seed: 3\n"));
        assertTrue(error.getMessage().startsWith("e.yaml:4: seed applies to the whole run"), error.getMessage());
    }

    @Test
    void durationsTargetsAndBatchWords() {
        Experiment experiment = plan("dataset: quartic\noptimizer: sgd\ntime_budget: 5m\ntarget: loss <= 0.1\nbatch: full\n"
                + "last_batch: drop\ndivergence: 0\n").parts().get(0);
        assertEquals(300.0, experiment.settings().timeBudgetSeconds(), 0.0);
        assertEquals("train_loss <= 0.1", experiment.settings().target().toString());
        assertEquals(0, experiment.settings().batch(), "full batch");
        assertTrue(experiment.settings().dropLastBatch());
        assertEquals(0.0, experiment.settings().divergence(), 0.0);
        assertEquals(90.0, plan("dataset: quartic\noptimizer: sgd\ntime_budget: 90s\n").parts().get(0).settings().timeBudgetSeconds(), 0.0);
        UserError target = assertThrows(UserError.class, () -> plan("dataset: quartic\noptimizer: sgd\ntarget: val_acc >= 0.9\n"));
        assertTrue(target.getMessage().startsWith("e.yaml:3: target: unknown metric 'val_acc' (did you mean 'val_accuracy'?)"),
                target.getMessage());
        UserError budget = assertThrows(UserError.class, () -> plan("dataset: quartic\noptimizer: sgd\ntime_budget: soon\n"));
        assertTrue(budget.getMessage().contains("e.yaml:3: time_budget must be a duration such as 90, 90s, 5m or 1h"), budget.getMessage());
    }

    @Test
    void evaluationKeysParseWithTheirWordsAndBounds() {
        Experiment defaults = plan("dataset: quartic\noptimizer: sgd\n").parts().get(0);
        assertEquals(new EvaluationPlan(1, 0), defaults.settings().evaluation(), "every row scores everything");
        Experiment end = plan("dataset: quartic\noptimizer: sgd\ntest_every: end\nval_subset: 500\n").parts().get(0);
        assertEquals(new EvaluationPlan(0, 500), end.settings().evaluation());
        assertEquals("end", end.resolvedConfig().get("test_every"));
        assertEquals(500, end.resolvedConfig().get("val_subset"));
        assertEquals(3, plan("dataset: quartic\noptimizer: sgd\n", "test_every=3").parts().get(0).settings().evaluation()
                .testEvery());
        UserError zero = assertThrows(UserError.class, () -> plan("dataset: quartic\noptimizer: sgd\ntest_every: 0\n"));
        assertTrue(zero.getMessage().startsWith("e.yaml:3: test_every must be >= 1 (or end), got 0"), zero.getMessage());
        UserError negative = assertThrows(UserError.class, () -> plan("dataset: quartic\noptimizer: sgd\nval_subset: -1\n"));
        assertTrue(negative.getMessage().startsWith("e.yaml:3: val_subset must be >= 0"), negative.getMessage());
        UserError target = assertThrows(UserError.class,
                () -> plan("dataset: blobs(n=60)\nmodel: test-softmax\noptimizer: sgd\ntarget: test_accuracy >= 0.9\n"
                        + "test_every: 2\n"));
        assertTrue(target.getMessage().startsWith("e.yaml:5: test_every: the target watches test_accuracy, which needs the test split"),
                target.getMessage());
    }

    @Test
    void repeatsAndSeedsExcludeEachOther() {
        UserError error = assertThrows(UserError.class, () -> plan("dataset: quartic\noptimizer: sgd\nrepeats: 2\nseeds: [1]\n"));
        assertTrue(error.getMessage().contains("give either seeds or repeats"), error.getMessage());
    }

    @Test
    void theBundledQuickstartIsTheRepositoryFileAndParses() throws IOException {
        String bundled;
        try (InputStream in = ExperimentRunner.class.getResourceAsStream(ExperimentRunner.QUICKSTART_RESOURCE)) {
            bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path copy = Path.of(System.getProperty("user.dir")).getParent().resolve("experiments/quickstart.yaml");
        assertEquals(Files.readString(copy), bundled, "experiments/quickstart.yaml and the bundled resource must be the same");
        Plan plan = new ExperimentRunner(REGISTRY, null).load(null, List.of());
        // 9 optimizers x 3 seeds on MNIST, 9 on the quartic, 9 on Rosenbrock.
        assertEquals(27 + 9 + 9, plan.trials(REGISTRY::isFunction).size());
    }
}
