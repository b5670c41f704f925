package org.optbench.harness.wiring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes parameter values back in the component syntax, the same way everywhere (outputs, manifest, listing). */
public final class Format {

    private Format() {
    }

    /**
     * A value in the component syntax: reals in their shortest round-trip form ({@code 0.001}, {@code 1e-08} is
     * written {@code 1e-8}, {@code 1.0} as {@code 1}), lists as {@code [a, b]}.
     */
    public static String value(Object value) {
        if (value instanceof Double d) {
            return real(d);
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object item : list) {
                parts.add(value(item));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        return String.valueOf(value);
    }

    /** A real in its shortest form that parses back to the same double. */
    public static String real(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        String text = Double.toString(value);
        int exponent = text.indexOf('E');
        if (exponent < 0) {
            return text;
        }
        String mantissa = text.substring(0, exponent);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return (mantissa + "e" + text.substring(exponent + 1)).toLowerCase(Locale.ROOT);
    }
}
