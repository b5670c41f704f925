package org.optbench.harness.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.optbench.harness.config.ExperimentKey;
import org.optbench.harness.wiring.Component;
import org.optbench.harness.wiring.FunctionFactory;
import org.optbench.harness.wiring.ParameterSpec;
import org.optbench.harness.wiring.Registry;
import org.optbench.harness.wiring.ScheduleFactory;
import org.optbench.harness.wiring.Wiring;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code optbench list}: every component with its parameters and defaults, and the experiment keys. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists every optimizer, schedule, regularizer, data set, function and model with its parameters"
                + " and defaults, and the experiment file's keys.")
final class ListCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Registry registry = Wiring.registry(common.modules);
        section(out, "optimizers", registry.optimizers());
        section(out, "schedules (each also takes unit=step|epoch, default step)", registry.schedules());
        section(out, "regularizers", registry.regularizers());
        section(out, "data sets", registry.datasets());
        section(out, "analytic functions (in place of a data set, without a model)", registry.functions());
        section(out, "models", registry.models());
        out.println("experiment keys");
        for (ExperimentKey key : ExperimentKey.values()) {
            out.printf("  %-13s [%s] %s%n", key.key(), key.defaultText(), key.description());
        }
        out.flush();
        return 0;
    }

    private static void section(PrintWriter out, String title, Map<String, ? extends Component> components) {
        out.println(title);
        if (components.isEmpty()) {
            out.println("  (none)");
        }
        for (Component component : components.values()) {
            out.println("  " + component.name() + "  -  " + component.description());
            List<ParameterSpec> parameters = component instanceof ScheduleFactory schedule ? Registry.scheduleParameters(schedule)
                    : component instanceof FunctionFactory function ? Registry.functionParameters(function) : component.parameters();
            for (ParameterSpec parameter : parameters) {
                if (component instanceof ScheduleFactory && parameter.equals(Registry.UNIT)) {
                    continue;
                }
                String type = parameter.type().label() + (parameter.choices().isEmpty() ? "" : " " + String.join("|", parameter.choices()));
                out.printf("      %-11s %-18s default %-8s %s%n", parameter.name(), type, parameter.defaultText(), parameter.description());
            }
        }
        out.println();
    }
}
