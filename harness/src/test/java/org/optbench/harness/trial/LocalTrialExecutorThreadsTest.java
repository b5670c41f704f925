package org.optbench.harness.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoMap;
import com.google.inject.multibindings.StringMapKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.optbench.datasets.DataSplit;
import org.optbench.datasets.Dataset;
import org.optbench.harness.models.Evaluation;
import org.optbench.harness.models.Model;
import org.optbench.harness.testing.ForwardingModel;
import org.optbench.harness.testing.LinearSoftmax;
import org.optbench.harness.wiring.Factories;
import org.optbench.harness.wiring.ModelFactory;
import org.optbench.harness.wiring.ParameterSpec;
import org.optbench.harness.wiring.Registry;
import org.optbench.harness.wiring.Wiring;
import org.optbench.optimizers.Objective;

/**
 * The local executor shares its threads among the trials of a call, the same for all of them: all of them to a
 * lone trial, one each when there are at least as many trials as threads, never more as trials finish.
 */
class LocalTrialExecutorThreadsTest {

    /** Thread counts each probe saw before its batches and evaluations, by the probe's {@code id}. */
    static final Map<Integer, Set<Integer>> SEEN = new ConcurrentHashMap<>();

    /** A softmax model that records the share of threads it is given. */
    static final class Probe extends ForwardingModel {
        private final int id;
        private IntSupplier threads = () -> -1;

        Probe(Model inner, int id) {
            super(inner);
            this.id = id;
        }

        @Override
        public Objective batch(DataSplit split, int[] order, int from, int to, SplittableRandom dropoutRandom) {
            SEEN.computeIfAbsent(id, key -> new TreeSet<>()).add(threads.getAsInt());
            return super.batch(split, order, from, to, dropoutRandom);
        }

        @Override
        public Evaluation evaluate(float[] parameters, DataSplit split) {
            SEEN.computeIfAbsent(id, key -> new TreeSet<>()).add(threads.getAsInt());
            return super.evaluate(parameters, split);
        }

        @Override
        public void shareThreads(IntSupplier threads) {
            this.threads = threads;
        }
    }

    /** The probe as a component, {@code probe(id=N)}. */
    public static final class ProbeModule extends AbstractModule {
        @ProvidesIntoMap
        @StringMapKey("probe")
        ModelFactory probe() {
            return Factories.model("probe", "records its thread share", List.of(ParameterSpec.integer("id", 0, "key")),
                    (values, dataset, dropout) -> new Probe(new LinearSoftmax(dataset.train().featureCount(),
                            dataset.classCount()), values.integer("id")));
        }
    }

    private static List<Integer> shares(int threads, int trials) throws InterruptedException {
        List<com.google.inject.Module> modules = new ArrayList<>(Wiring.standardModules());
        modules.add(new ProbeModule());
        Registry registry = Wiring.registry(modules.toArray(com.google.inject.Module[]::new));
        Dataset data = TrialRunnerTest.loadBlobs();
        TrialRunner runner = new TrialRunner(registry, name -> data);
        TrialSettings settings = new TrialSettings(3, 8, false, 1, 0, 0, 0, null);
        List<Trial> list = new ArrayList<>();
        int base = 1000 * threads + 100 * trials;
        for (int t = 0; t < trials; t++) {
            list.add(new Trial(t, data.name(), "probe(id=" + (base + t) + ")", "sgd(lr=0.1)", "constant(unit=step)",
                    List.of(), 0, 7 + t, 5, settings));
        }
        List<TrialResult> results = new ArrayList<>();
        new LocalTrialExecutor(threads, setup -> runner).execute(list, null, results::add);
        assertEquals(trials, results.size());
        List<Integer> seen = new ArrayList<>();
        for (int t = 0; t < trials; t++) {
            assertEquals("", results.get(t).row().message());
            seen.addAll(SEEN.get(base + t));
        }
        return seen;
    }

    @Test
    void aLoneTrialGetsEveryThreadAndNeverMore() throws InterruptedException {
        assertEquals(List.of(2), shares(2, 1), "one trial on 2 threads: 2 before every batch and evaluation");
        assertEquals(List.of(3), shares(3, 1));
        assertEquals(List.of(1), shares(1, 1));
        // Two trials on 3 threads: 3 / 2 = 1 each, and still 1 for the one left when the other ends, so that its time
        // does not depend on finishing last.
        assertEquals(List.of(1, 1), shares(3, 2));
        assertEquals(List.of(1, 1, 1, 1, 1), shares(2, 5), "more trials than threads: one thread each throughout");
    }
}
