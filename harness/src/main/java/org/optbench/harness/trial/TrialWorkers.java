package org.optbench.harness.trial;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.optbench.datasets.DataDirectory;
import org.optbench.datasets.DataException;
import org.optbench.datasets.DataFetcher;
import org.optbench.datasets.Dataset;
import org.optbench.datasets.ImageDataset;
import org.optbench.harness.UserError;
import org.optbench.harness.config.ComponentParser;
import org.optbench.harness.wiring.Registry;
import org.optbench.harness.wiring.Wiring;

/**
 * The per-JVM side of a worker: for each {@link WorkerSetup} one registry (optbench's modules plus the setup's
 * plug-ins) and one copy of each data set, built on first use and kept for the JVM's life, so a cluster executor
 * running hundreds of trials wires and loads once.
 *
 * <p>Data: a worker never fetches. Before loading a fetched image data set (MNIST, Fashion-MNIST) it checks every
 * file's sha256 in the setup's data folder ({@link DataFetcher#verifyWithoutFetching}), so a missing or damaged
 * file on one machine is a {@link WorkerException} naming the file and the fix, not a silent download or a
 * {@code failed} trial.
 */
public final class TrialWorkers {
    private static final Map<WorkerSetup, Worker> WORKERS = new ConcurrentHashMap<>();

    private TrialWorkers() {
    }

    /** This JVM's runner for the setup, built on first use. */
    public static TrialRunner runner(WorkerSetup setup) {
        return worker(setup).runner;
    }

    /**
     * Runs one trial on this JVM's worker for the setup: loads its data set if this JVM has not yet, warms up as a local
     * run does ({@link WarmUps}, {@link WorkerSetup#warmupSeconds()}), then runs it.
     *
     * @param where this worker, for messages, e.g. {@code executor 1 on host-a}
     * @throws WorkerException if the worker cannot be wired or its data cannot be loaded here
     */
    public static TrialResult run(WorkerSetup setup, Trial trial, String where) {
        Worker worker = worker(setup);
        if (!trial.isFunction()) {
            worker.dataset(trial.dataset(), where);
        }
        worker.warmUps.warm(worker.runner, trial);
        return worker.runner.run(trial);
    }

    private static Worker worker(WorkerSetup setup) {
        return WORKERS.computeIfAbsent(setup, Worker::new);
    }

    private static final class Worker {
        final WorkerSetup setup;
        final Registry registry;
        final TrialRunner runner;
        final Map<String, Dataset> data = new ConcurrentHashMap<>();
        final WarmUps warmUps;

        Worker(WorkerSetup setup) {
            this.setup = setup;
            this.warmUps = new WarmUps(setup.warmupSeconds());
            try {
                this.registry = Wiring.registry(setup.modules());
            } catch (UserError e) {
                throw new WorkerException(e.getMessage(), e);
            }
            this.runner = new TrialRunner(registry, canonical -> dataset(canonical, "this worker"));
        }

        Dataset dataset(String canonical, String where) {
            return data.computeIfAbsent(canonical, name -> load(name, where));
        }

        private Dataset load(String canonical, String where) {
            try {
                String name = ComponentParser.parse(canonical, "dataset").name();
                for (ImageDataset image : ImageDataset.values()) {
                    if (image.id().equals(name)) {
                        DataFetcher.verifyWithoutFetching(image, DataDirectory.resolve(setup.dataOptions().dataDirectory()), where);
                    }
                }
                return registry.loadDataset(canonical, setup.dataOptions());
            } catch (DataException | IOException e) {
                throw new WorkerException(canonical + " cannot be loaded on " + where + ": " + e.getMessage(), e);
            }
        }
    }
}
