package org.optbench.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.optbench.harness.UserError;
import org.optbench.harness.config.ComponentParser;
import org.optbench.harness.config.ComponentSpec;
import org.optbench.harness.config.ExperimentParser;
import org.optbench.harness.trial.Trial;
import org.optbench.harness.trial.TrialResult;
import org.optbench.harness.trial.TrialRunner;
import org.optbench.harness.trial.TrialSeeds;
import org.optbench.harness.trial.TrialSettings;
import org.optbench.harness.wiring.Registry;
import org.optbench.harness.wiring.Resolved;
import org.optbench.harness.wiring.Wiring;
import org.optbench.reports.TrialStatus;
import org.optbench.reports.csv.TraceCsv;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code optbench trace}: one optimizer on one analytic function, the trajectory as CSV. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Runs one optimizer on an analytic test function and writes its trajectory as CSV.",
                "Header step,lr,loss,x0[,x1,...]; one row per update, row 0 the start point, full float precision."})
final class TraceCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--function", required = true, paramLabel = "F", description = "the function, e.g. rosenbrock or quadratic(dim=2, kappa=10)")
    String function;

    @Option(names = "--optimizer", required = true, paramLabel = "SPEC", description = "the optimizer, e.g. momentum(lr=0.05, momentum=0.9)")
    String optimizer;

    @Option(names = "--schedule", paramLabel = "SPEC", description = "the learning-rate schedule (default: constant)")
    String schedule = "constant";

    @Option(names = "--start", paramLabel = "X,Y", split = ",", description = "the start point (default: the function's documented start)")
    List<String> start;

    @Option(names = "--steps", paramLabel = "N", description = "number of updates (default: ${DEFAULT-VALUE})")
    int steps = 100;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the gradient noise, for noise > 0 (default: ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--out", paramLabel = "FILE", description = "the CSV file (default: standard output)")
    Path out;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        if (steps < 1) {
            throw new UserError("--steps must be at least 1, got " + steps);
        }
        Registry registry = Wiring.registry(common.modules);
        ComponentSpec functionSpec = ComponentParser.parse(function, "--function");
        if (!registry.functions().containsKey(functionSpec.name())) {
            if (registry.datasets().containsKey(functionSpec.name())) {
                throw new UserError("--function " + functionSpec.name() + " is a data set, not an analytic function; known functions: "
                        + String.join(", ", registry.functions().keySet()));
            }
            registry.dataset(functionSpec, "--function");
        }
        if (start != null) {
            Map<String, ComponentSpec.Value> parameters = new LinkedHashMap<>(functionSpec.parameters());
            List<ComponentSpec.Value> coordinates = new ArrayList<>();
            for (String coordinate : start) {
                coordinates.add(new ComponentSpec.Scalar(coordinate.trim()));
            }
            parameters.put(Registry.START.name(), new ComponentSpec.ListValue(coordinates));
            functionSpec = new ComponentSpec(functionSpec.name(), parameters);
        }
        String dataset = one(registry.dataset(functionSpec, start == null ? "--function" : "--function/--start"), "--function");
        String optimizerText = one(registry.optimizer(ComponentParser.parse(optimizer, "--optimizer"), "--optimizer"), "--optimizer");
        String scheduleText = one(registry.schedule(ComponentParser.parse(schedule, "--schedule"), "--schedule"), "--schedule");
        registry.buildFunction(dataset);
        ExperimentParser.checkSchedule(registry, optimizerText, scheduleText, "--schedule");
        // Divergence 0: only NaN or infinite losses stop a trace; a trace shows everything else.
        TrialSettings settings = new TrialSettings(1, 1, false, steps, 0, 0, 0, null);
        Trial trial = new Trial(0, dataset, "", optimizerText, scheduleText, List.of(), 0,
                TrialSeeds.pairedTrialSeed(seed, dataset, "", 0), TrialSeeds.dataSeed(seed, dataset), settings);
        TrialResult result = new TrialRunner(registry, name -> {
            throw new IllegalStateException("a trace needs no data set");
        }).run(trial);
        if (result.row().status() == TrialStatus.FAILED) {
            throw new IllegalStateException(result.row().message());
        }
        int dimension = result.trace().get(0).parameters().length;
        try (TraceCsv.TraceWriter writer = out == null ? TraceCsv.open(stdout(), dimension) : TraceCsv.open(checked(out), dimension)) {
            for (TraceCsv.Point point : result.trace()) {
                writer.write(point.step(), point.learningRate(), point.loss(), point.parameters());
            }
        }
        if (result.row().status() == TrialStatus.DIVERGED) {
            spec.commandLine().getErr().println("optbench: warning: " + result.row().message() + "; the trace stops there");
        }
        return 0;
    }

    private Writer stdout() {
        PrintWriter out = spec.commandLine().getOut();
        return new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) {
                out.write(buffer, offset, length);
            }

            @Override
            public void flush() {
                out.flush();
            }

            @Override
            public void close() {
                out.flush(); // standard output stays open
            }
        };
    }

    private static Path checked(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UserError("--out " + file + ": cannot create its folder (" + e.getMessage() + "); choose a writable place");
        }
        if (Files.isDirectory(file) || (Files.exists(file) && !Files.isWritable(file)) || !Files.isWritable(parent)) {
            throw new UserError("--out " + file + ": cannot write there; choose a writable file path");
        }
        return file;
    }

    private static String one(List<? extends Resolved<?>> alternatives, String option) {
        if (alternatives.size() != 1) {
            throw new UserError(option + " expands to " + alternatives.size() + " alternatives; a trace takes single values (no lists)");
        }
        return alternatives.get(0).canonical();
    }

}
