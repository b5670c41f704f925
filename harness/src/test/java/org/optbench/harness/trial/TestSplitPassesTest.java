package org.optbench.harness.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoMap;
import com.google.inject.multibindings.StringMapKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.optbench.datasets.DataSplit;
import org.optbench.datasets.Dataset;
import org.optbench.harness.models.Evaluation;
import org.optbench.harness.models.Model;
import org.optbench.harness.testing.ForwardingModel;
import org.optbench.harness.testing.LinearSoftmax;
import org.optbench.harness.testing.TestComponentsModule;
import org.optbench.harness.wiring.Factories;
import org.optbench.harness.wiring.ModelFactory;
import org.optbench.harness.wiring.ParameterSpec;
import org.optbench.harness.wiring.Registry;
import org.optbench.harness.wiring.Wiring;
import org.optbench.reports.CurveRow;

/**
 * A trial scores the test split once per row that shows test metrics, and no more: the last row's test scores are
 * computed only when test_every's schedule did not already give them (they were computed twice, the second pass
 * thrown away, which cost a short trial on MNIST a whole extra pass over 10,000 test images).
 */
class TestSplitPassesTest {
    private static final Map<Integer, AtomicInteger> TEST_PASSES = new ConcurrentHashMap<>();

    /** A softmax model counting the passes over the data set's test split, by its {@code id}. */
    static final class Counting extends ForwardingModel {
        private final DataSplit test;
        private final int id;

        Counting(Model inner, DataSplit test, int id) {
            super(inner);
            this.test = test;
            this.id = id;
        }

        @Override
        public Evaluation evaluate(float[] parameters, DataSplit split) {
            if (split == test) {
                TEST_PASSES.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
            }
            return super.evaluate(parameters, split);
        }
    }

    /** The counter as a component, {@code counting(id=N)}. */
    public static final class CountingModule extends AbstractModule {
        @ProvidesIntoMap
        @StringMapKey("counting")
        ModelFactory counting() {
            return Factories.model("counting", "counts its test passes", List.of(ParameterSpec.integer("id", 0, "key")),
                    (values, dataset, dropout) -> new Counting(new LinearSoftmax(dataset.train().featureCount(),
                            dataset.classCount()), dataset.test(), values.integer("id")));
        }
    }

    private record Outcome(int testPasses, List<CurveRow> curves) {
    }

    private static Outcome run(int id, String model, int epochs, EvaluationPlan plan) {
        List<com.google.inject.Module> modules = new ArrayList<>(Wiring.standardModules());
        modules.add(new CountingModule());
        modules.add(new TestComponentsModule());
        Registry registry = Wiring.registry(modules.toArray(com.google.inject.Module[]::new));
        Dataset data = TrialRunnerTest.loadBlobs();
        assertTrue(data.test().count() > 0, "the blobs must have a test split");
        TrialSettings settings = new TrialSettings(epochs, 8, false, 1, 0, 0, 0, null, plan);
        Trial trial = new Trial(0, data.name(), model, "sgd(lr=0.1)", "constant(unit=step)", List.of(), 0, 7, 5, settings);
        TrialResult result = new TrialRunner(registry, name -> data).run(trial);
        assertEquals("", result.row().message());
        AtomicInteger passes = TEST_PASSES.get(id);
        return new Outcome(passes == null ? 0 : passes.get(), result.curves());
    }

    private static List<Integer> rowsWithTest(List<CurveRow> curves) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < curves.size(); i++) {
            if (!Double.isNaN(curves.get(i).testLoss())) {
                rows.add(i);
            }
        }
        return rows;
    }

    @Test
    void everyRowScoredOnTestMeansOnePassPerRow() {
        // 3 epochs: rows 0-3, all scored on test; the last row already has its scores.
        Outcome outcome = run(1, "counting(id=1)", 3, EvaluationPlan.FULL);
        assertEquals(List.of(0, 1, 2, 3), rowsWithTest(outcome.curves()));
        assertEquals(4, outcome.testPasses());
    }

    @Test
    void theLastRowIsScoredOnceWhenTheScheduleSkipsIt() {
        // test_every 2 with 3 epochs: rows 0 and 2 on the schedule, row 3 (the last) scored at the end: 3 passes.
        Outcome skipped = run(2, "counting(id=2)", 3, new EvaluationPlan(2, 0));
        assertEquals(List.of(0, 2, 3), rowsWithTest(skipped.curves()));
        assertEquals(3, skipped.testPasses());
        // test_every 2 with 2 epochs: rows 0 and 2 on the schedule, and row 2 is the last: 2 passes.
        Outcome onSchedule = run(3, "counting(id=3)", 2, new EvaluationPlan(2, 0));
        assertEquals(List.of(0, 2), rowsWithTest(onSchedule.curves()));
        assertEquals(2, onSchedule.testPasses());
        assertFalse(Double.isNaN(onSchedule.curves().get(2).testAccuracy()));
    }

    @Test
    void theRowsAreThoseOfTheSameTrialOnThePlainModel() {
        // The counter changes nothing the trial computes: its curves equal the same trial's on test-softmax, the
        // same softmax model (time columns aside).
        List<CurveRow> counted = run(4, "counting(id=4)", 3, EvaluationPlan.FULL).curves();
        List<CurveRow> plain = run(5, "test-softmax", 3, EvaluationPlan.FULL).curves();
        assertEquals(plain.size(), counted.size());
        for (int i = 0; i < plain.size(); i++) {
            assertEquals(plain.get(i).testLoss(), counted.get(i).testLoss(), "row " + i);
            assertEquals(plain.get(i).validationLoss(), counted.get(i).validationLoss(), "row " + i);
            assertEquals(plain.get(i).trainLoss(), counted.get(i).trainLoss(), "row " + i);
        }
    }
}
