package org.optbench.harness.wiring;

import java.util.List;

/**
 * One declared parameter of a component: its user-facing key, type, default and meaning. The parser checks
 * given values against it; {@code optbench list} prints it.
 *
 * @param name the user-facing key, e.g. {@code lr}
 * @param type the value's type
 * @param defaultValue the default ({@code Double}, {@code Integer}, {@code Boolean}, {@code String} or
 *     {@code List<Double>} / {@code List<Integer>}), or {@code null}: then the parameter has no value unless the
 *     user gives one ({@link ParameterValues#has} is false), which means "required" when the component throws
 *     without it, or "computed" when it works out its own value
 * @param description what the parameter means, with its range
 * @param choices the allowed words for {@link ParameterType#CHOICE}, empty otherwise
 */
public record ParameterSpec(String name, ParameterType type, Object defaultValue, String description,
        List<String> choices) {

    public ParameterSpec {
        choices = List.copyOf(choices);
        if (type == ParameterType.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("parameter " + name + ": a choice needs its allowed values");
        }
    }

    /** A real-valued parameter. */
    public static ParameterSpec real(String name, Double defaultValue, String description) {
        return new ParameterSpec(name, ParameterType.REAL, defaultValue, description, List.of());
    }

    /** An integer parameter. */
    public static ParameterSpec integer(String name, Integer defaultValue, String description) {
        return new ParameterSpec(name, ParameterType.INTEGER, defaultValue, description, List.of());
    }

    /** A boolean parameter. */
    public static ParameterSpec bool(String name, Boolean defaultValue, String description) {
        return new ParameterSpec(name, ParameterType.BOOLEAN, defaultValue, description, List.of());
    }

    /** A parameter taking one of {@code choices}. */
    public static ParameterSpec choice(String name, String defaultValue, String description, String... choices) {
        return new ParameterSpec(name, ParameterType.CHOICE, defaultValue, description, List.of(choices));
    }

    /** A list of reals. */
    public static ParameterSpec reals(String name, List<Double> defaultValue, String description) {
        return new ParameterSpec(name, ParameterType.REAL_LIST, defaultValue, description, List.of());
    }

    /** A list of integers. */
    public static ParameterSpec integers(String name, List<Integer> defaultValue, String description) {
        return new ParameterSpec(name, ParameterType.INTEGER_LIST, defaultValue, description, List.of());
    }

    /**
     * A count of updates that may be written {@code auto}, the run's length; read it with
     * {@link ParameterValues#updates(String, org.optbench.optimizers.schedules.RunLength)}.
     *
     * @param defaultValue an {@code Integer}, {@link #AUTO}, or null
     */
    public static ParameterSpec updates(String name, Object defaultValue, String description) {
        if (defaultValue != null && !(defaultValue instanceof Integer) && !AUTO.equals(defaultValue)) {
            throw new IllegalArgumentException("parameter " + name + ": the default must be an Integer or \"auto\"");
        }
        return new ParameterSpec(name, ParameterType.UPDATES, defaultValue, description, List.of());
    }

    /** The word that makes an {@link ParameterType#UPDATES} parameter span the whole run. */
    public static final String AUTO = "auto";

    /** The default as written in the component syntax, or {@code -} when there is none. */
    public String defaultText() {
        return defaultValue == null ? "-" : Format.value(defaultValue);
    }
}
