package org.optbench.harness.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optbench.harness.testing.TestComponentsModule;
import org.optbench.harness.wiring.DataOptions;
import org.optbench.reports.CurveRow;

/**
 * A worker wires itself from the plain {@link WorkerSetup} (plug-in module by class name, data options as values):
 * the setup survives Java serialization, a worker built from it runs a plug-in trial to the same rows as the caller's
 * own wiring, builds once per JVM, and a missing data file is a {@link WorkerException} naming the file, never a
 * fetch or a {@code failed} row.
 */
class TrialWorkersTest {
    static final String MODULE = TestComponentsModule.class.getName();

    static Trial blobsTrial(int id) {
        TrialSettings settings = new TrialSettings(2, 50, false, 1, 0, 100, 0, null);
        return new Trial(id, "blobs(classes=3, dim=5, n=300)", "test-softmax", "sign-sgd(lr=0.01)", "constant(unit=step)",
                List.of(), 0, 11, 12, settings);
    }

    static <T> T shipped(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            @SuppressWarnings("unchecked")
            T back = (T) in.readObject();
            return back;
        }
    }

    @Test
    void aWorkerBuiltFromTheShippedSetupRunsLikeTheCallersWiring() throws Exception {
        WorkerSetup setup = WorkerSetup.of(List.of(MODULE), new DataOptions(null, 0.1, 0, "none", 5), 0);
        WorkerSetup there = shipped(setup);
        assertEquals(setup, there);
        Trial trial = shipped(blobsTrial(3));

        TrialRunner own = new TrialRunner(TrialRunnerTest.REGISTRY, name -> {
            try {
                return TrialRunnerTest.REGISTRY.loadDataset(name, setup.dataOptions());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        TrialResult expected = own.run(blobsTrial(3));
        TrialResult actual = shipped(TrialWorkers.run(there, trial, "test"));
        // 2 epochs of 270 training examples in batches of 50: row 0 and one row per epoch.
        assertEquals(3, actual.curves().size());
        assertEquals(expected.curves().size(), actual.curves().size());
        for (int i = 0; i < expected.curves().size(); i++) {
            CurveRow a = expected.curves().get(i);
            CurveRow b = actual.curves().get(i);
            assertEquals(a.trainLoss(), b.trainLoss(), 0.0, "row " + i);
            assertEquals(a.validationLoss(), b.validationLoss(), 0.0, "row " + i);
            assertEquals(a.step(), b.step(), "row " + i);
        }
        assertEquals(expected.row().status(), actual.row().status());
        assertSame(TrialWorkers.runner(there), TrialWorkers.runner(setup), "one worker per setup and JVM");
    }

    @Test
    void theLocalExecutorRunsFromTheSetupToo() throws Exception {
        WorkerSetup setup = WorkerSetup.of(List.of(MODULE), new DataOptions(null, 0.1, 0, "none", 5), 0);
        List<TrialResult> results = new ArrayList<>();
        new LocalTrialExecutor(2, TrialWorkers::runner).execute(List.of(blobsTrial(0), blobsTrial(1), blobsTrial(2)), setup,
                results::add);
        assertEquals(List.of(0, 1, 2), results.stream().map(r -> r.trial().id()).sorted().toList());
        // Same trial, same seeds: the three runs differ only in id.
        assertEquals(results.get(0).row().trainLoss(), results.get(2).row().trainLoss(), 0.0);
    }

    @Test
    void aMissingDataFileIsAWorkerFailureNamingTheFileNotAFetch(@TempDir Path empty) throws Exception {
        WorkerSetup setup = WorkerSetup.of(List.of(), new DataOptions(empty, 0, 100, "none", 5), 0);
        Trial trial = new Trial(0, "mnist", "softmax", "sgd(lr=0.1)", "constant(unit=step)", List.of(), 0, 1, 2,
                new TrialSettings(1, 10, false, 1, 0, 100, 0, null));
        WorkerException e = assertThrows(WorkerException.class, () -> TrialWorkers.run(setup, trial, "executor 7 on host-x"));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte") && e.getMessage().contains("executor 7 on host-x")
                && e.getMessage().contains("--resume"), e.getMessage());
        assertFalse(Files.exists(empty.resolve("mnist")) && Files.list(empty.resolve("mnist")).findAny().isPresent(),
                "a worker must not fetch");
    }
}
