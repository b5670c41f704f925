package org.optbench.harness.wiring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A component's parameters after typing: every declared parameter with its given or default value (absent when
 * it has neither). {@link #canonical()} is the component written with all of them, as echoed in every output.
 */
public final class ParameterValues {
    private final String component;
    private final Map<String, Object> values;

    /** Values in declaration order; keys must be declared parameters. */
    public ParameterValues(String component, Map<String, Object> values) {
        this.component = component;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The component's name. */
    public String component() {
        return component;
    }

    /** Whether the parameter has a value (given or default). */
    public boolean has(String name) {
        return values.get(name) != null;
    }

    /** Every value, in declaration order. */
    public Map<String, Object> asMap() {
        return values;
    }

    public double real(String name) {
        return ((Number) require(name)).doubleValue();
    }

    public int integer(String name) {
        return ((Number) require(name)).intValue();
    }

    public boolean bool(String name) {
        return (Boolean) require(name);
    }

    public String choice(String name) {
        return (String) require(name);
    }

    @SuppressWarnings("unchecked")
    public List<Double> reals(String name) {
        return (List<Double>) require(name);
    }

    @SuppressWarnings("unchecked")
    public List<Integer> integers(String name) {
        return (List<Integer>) require(name);
    }

    /**
     * An {@link ParameterType#UPDATES} parameter: its integer, or the run's total updates for {@code auto}.
     *
     * @param length the run's length in the schedule's unit, as the schedule factory received it
     */
    public long updates(String name, org.optbench.optimizers.schedules.RunLength length) {
        Object value = require(name);
        if (ParameterSpec.AUTO.equals(value)) {
            return length.totalUpdates();
        }
        return ((Number) value).longValue();
    }

    /** A real list as an array. */
    public double[] realArray(String name) {
        return reals(name).stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** An integer list as an array. */
    public int[] integerArray(String name) {
        return integers(name).stream().mapToInt(Integer::intValue).toArray();
    }

    private Object require(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(component + ": " + name + " must be given");
        }
        return value;
    }

    /** {@code name(key=value, ...)} with every valued parameter, or {@code name} when there is none. */
    public String canonical() {
        List<String> parts = new ArrayList<>();
        values.forEach((key, value) -> {
            if (value != null) {
                parts.add(key + "=" + Format.value(value));
            }
        });
        return parts.isEmpty() ? component : component + "(" + String.join(", ", parts) + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ParameterValues that && component.equals(that.component) && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return component.hashCode() * 31 + values.hashCode();
    }

    @Override
    public String toString() {
        return canonical();
    }
}
