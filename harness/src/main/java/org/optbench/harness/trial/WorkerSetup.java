package org.optbench.harness.trial;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import org.optbench.harness.wiring.DataOptions;

/**
 * Everything a worker needs to run trials, as plain values that travel to another JVM: the {@code --module} plug-in
 * classes to add to optbench's own Guice modules, the data options, and the warm-up. A worker builds its registry
 * and loads its data sets from this once per JVM ({@link TrialWorkers}); no live object (registry, data provider,
 * runner) ever crosses the wire.
 *
 * @param modules fully qualified class names of the user's Guice modules, in {@code --module} order
 * @param dataDirectory the data folder as an absolute path the worker can read (shared or staged), or {@code null}
 *     for the worker's own default resolution
 * @param validation see {@link DataOptions#validation()}
 * @param subset see {@link DataOptions#subset()}
 * @param standardization see {@link DataOptions#standardization()}
 * @param dataSeed the experiment's data seed, see {@link DataOptions#seed()}
 * @param warmupSeconds untimed warm-up a worker JVM gives each new model shape before its first timed trial of it
 *     (a tenth of it for each further configuration), 0 for none; see {@code TrialRunner#warmUp}
 */
public record WorkerSetup(List<String> modules, String dataDirectory, double validation, int subset, String standardization,
        long dataSeed, double warmupSeconds) implements Serializable {

    public WorkerSetup {
        modules = List.copyOf(modules);
        if (!(warmupSeconds >= 0) || Double.isInfinite(warmupSeconds)) {
            throw new IllegalArgumentException("warmupSeconds must be >= 0, got " + warmupSeconds);
        }
        // Fails here, on the driver, rather than on every worker.
        new DataOptions(null, validation, subset, standardization, dataSeed);
    }

    /** The setup of a run with these data options. */
    public static WorkerSetup of(List<String> modules, DataOptions options, double warmupSeconds) {
        return new WorkerSetup(modules, options.dataDirectory() == null ? null : options.dataDirectory().toAbsolutePath().toString(),
                options.validation(), options.subset(), options.standardization(), options.seed(), warmupSeconds);
    }

    /** The data options the worker loads with. */
    public DataOptions dataOptions() {
        return new DataOptions(dataDirectory == null ? null : Path.of(dataDirectory), validation, subset, standardization, dataSeed);
    }
}
