package org.optbench.harness.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by the commands that build components: user modules and verbosity. */
final class CommonOptions {
    @Option(names = "--module", paramLabel = "CLASS",
            description = "a Guice module class on the classpath adding components (repeatable), e.g. com.example.MyModule;"
                    + " plug-in jars that list their module in META-INF/services need no --module")
    List<String> modules = new ArrayList<>();

    @Option(names = "--verbose", description = "print stack traces of errors and of failed trials")
    boolean verbose;
}
