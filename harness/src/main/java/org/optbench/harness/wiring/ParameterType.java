package org.optbench.harness.wiring;

/** The type of a component parameter, as shown by {@code optbench list}. */
public enum ParameterType {
    /** A real number, e.g. {@code 0.001} or {@code 1e-8}. */
    REAL("real"),
    /** A whole number. */
    INTEGER("integer"),
    /** {@code true} or {@code false}. */
    BOOLEAN("boolean"),
    /** One word out of a fixed set. */
    CHOICE("choice"),
    /** A list of real numbers, e.g. {@code [0.1, 0.01]}. */
    REAL_LIST("list of reals"),
    /** A list of whole numbers, e.g. {@code [128, 64]}. */
    INTEGER_LIST("list of integers"),
    /** A count of updates, or {@code auto} for the whole run ({@link ParameterValues#updates}). */
    UPDATES("integer or auto");

    private final String label;

    ParameterType(String label) {
        this.label = label;
    }

    /** How the type reads in messages and listings. */
    public String label() {
        return label;
    }

    /** Whether a value of this type is itself a list (so a list given for it is not a grid axis). */
    public boolean isList() {
        return this == REAL_LIST || this == INTEGER_LIST;
    }
}
