package org.optbench.harness.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.optbench.harness.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code optbench compare BASELINE CANDIDATE}. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compares a candidate run with a baseline run; exit 1 on a regression.")
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BASELINE", description = "the baseline run directory")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CANDIDATE", description = "the candidate run directory")
    Path candidate;

    @Override
    public Integer call() {
        throw new UserError("compare is not available in this build yet");
    }
}
