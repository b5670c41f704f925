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
        // Columns as wide as the section's longest name, type and default (at least the old widths), so long
        // parameter names such as final_div or weight_decay stay aligned.
        int nameWidth = 11;
        int typeWidth = 18;
        int defaultWidth = 8;
        for (Component component : components.values()) {
            for (ParameterSpec parameter : shown(component)) {
                nameWidth = Math.max(nameWidth, parameter.name().length());
                typeWidth = Math.max(typeWidth, type(parameter).length());
                defaultWidth = Math.max(defaultWidth, parameter.defaultText().length());
            }
        }
        String row = "      %-" + nameWidth + "s %-" + typeWidth + "s default %-" + defaultWidth + "s %s%n";
        for (Component component : components.values()) {
            out.println("  " + component.name() + "  -  " + component.description());
            for (ParameterSpec parameter : shown(component)) {
                out.printf(row, parameter.name(), type(parameter), parameter.defaultText(), parameter.description());
            }
        }
        out.println();
    }

    /** The parameters listed for a component: a function's with start and noise; a schedule's without unit. */
    private static List<ParameterSpec> shown(Component component) {
        List<ParameterSpec> parameters = component instanceof FunctionFactory function ? Registry.functionParameters(function)
                : component.parameters();
        return parameters.stream().filter(parameter -> !(component instanceof ScheduleFactory && parameter.equals(Registry.UNIT)))
                .toList();
    }

    private static String type(ParameterSpec parameter) {
        return parameter.type().label() + (parameter.choices().isEmpty() ? "" : " " + String.join("|", parameter.choices()));
    }
}
