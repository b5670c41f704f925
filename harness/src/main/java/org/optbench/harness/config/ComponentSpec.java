package org.optbench.harness.config;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A component as the user wrote it, {@code name} or {@code name(key=value, key=[a, b])}, before its parameters
 * are typed and checked against the component's declaration.
 *
 * @param name the component's name, e.g. {@code adam}
 * @param parameters the given parameters in the order written
 */
public record ComponentSpec(String name, Map<String, Value> parameters) implements Serializable {

    public ComponentSpec {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** A component without parameters. */
    public static ComponentSpec of(String name) {
        return new ComponentSpec(name, Map.of());
    }

    /** A parameter value: a scalar's text or a list of values. */
    public sealed interface Value extends Serializable permits Scalar, ListValue, Distribution {
        /** The value written back in the component syntax. */
        String text();
    }

    /** A scalar as written, e.g. {@code 0.001} or {@code relu}. */
    public record Scalar(String text) implements Value {
    }

    /** A bracketed list, e.g. {@code [128, 64]}. */
    public record ListValue(List<Value> items) implements Value {
        public ListValue {
            items = List.copyOf(items);
        }

        @Override
        public String text() {
            List<String> parts = new ArrayList<>();
            for (Value item : items) {
                parts.add(item.text());
            }
            return "[" + String.join(", ", parts) + "]";
        }
    }

    /**
     * A search-space distribution as written, e.g. {@code loguniform(1e-5, 0.1)} or {@code choice(0.9, 0.99)}: only
     * meaningful under an experiment's {@code tuning:} block, which checks its kind and bounds.
     */
    public record Distribution(String kind, List<Value> arguments) implements Value {
        public Distribution {
            arguments = List.copyOf(arguments);
        }

        @Override
        public String text() {
            List<String> parts = new ArrayList<>();
            for (Value item : arguments) {
                parts.add(item.text());
            }
            return kind + "(" + String.join(", ", parts) + ")";
        }
    }

    /** Whether any parameter is a {@link Distribution}. */
    public boolean hasDistribution() {
        return parameters.values().stream().anyMatch(Distribution.class::isInstance);
    }

    /** This component in the component syntax, parameters as given. */
    public String text() {
        if (parameters.isEmpty()) {
            return name;
        }
        List<String> parts = new ArrayList<>();
        parameters.forEach((key, value) -> parts.add(key + "=" + value.text()));
        return name + "(" + String.join(", ", parts) + ")";
    }

    @Override
    public String toString() {
        return text();
    }
}
