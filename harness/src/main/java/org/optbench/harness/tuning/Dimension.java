package org.optbench.harness.tuning;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import org.optbench.harness.config.ComponentSpec;
import org.optbench.harness.wiring.Format;

/**
 * One searched parameter of an optimizer and the map from a coordinate u in [0, 1) to its value:
 * <ul>
 *   <li>{@code uniform(a, b)}: a + u (b − a); {@code loguniform(a, b)}: a (b / a)^u, both rounded to 4 significant
 *       digits (so configurations read well and can be copied) and kept in [a, b];</li>
 *   <li>{@code intuniform(a, b)}: a + ⌊u (b − a + 1)⌋; {@code intloguniform(a, b)}: ⌊a ((b + 1) / a)^u⌋, kept in
 *       [a, b] (both bounds included);</li>
 *   <li>{@code choice(v1, ..., vk)} (or a list {@code [v1, ..., vk]}): v_⌊u k⌋ + 1.</li>
 * </ul>
 *
 * @param parameter the optimizer parameter
 * @param kind the distribution
 * @param lower a, for the numeric kinds
 * @param upper b, for the numeric kinds
 * @param choices the values of a choice, as written
 */
public record Dimension(String parameter, Kind kind, double lower, double upper, List<ComponentSpec.Value> choices)
        implements Serializable {

    /** The distributions a parameter can be given. */
    public enum Kind {
        UNIFORM, LOGUNIFORM, INTUNIFORM, INTLOGUNIFORM, CHOICE;

        /** The word written in experiment files. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Whether the kind draws integers. */
        public boolean integer() {
            return this == INTUNIFORM || this == INTLOGUNIFORM;
        }
    }

    public Dimension {
        choices = List.copyOf(choices);
        if (kind == Kind.CHOICE ? choices.isEmpty() : !(lower < upper)) {
            throw new IllegalArgumentException(parameter + ": an empty search space");
        }
    }

    /** The value at coordinate {@code u} in [0, 1), written in the component syntax. */
    public ComponentSpec.Value at(double u) {
        return switch (kind) {
            case UNIFORM -> real(lower + u * (upper - lower));
            case LOGUNIFORM -> real(lower * Math.pow(upper / lower, u));
            case INTUNIFORM -> integer(lower + Math.floor(u * (upper - lower + 1)));
            case INTLOGUNIFORM -> integer(Math.floor(lower * Math.pow((upper + 1) / lower, u)));
            case CHOICE -> choices.get(Math.min(choices.size() - 1, (int) Math.floor(u * choices.size())));
        };
    }

    /** The number of values a grid takes: a choice's values (only choices can be gridded). */
    public int gridSize() {
        return choices.size();
    }

    /** The distribution as written in the component syntax. */
    public String text() {
        if (kind == Kind.CHOICE) {
            return "choice(" + String.join(", ", choices.stream().map(ComponentSpec.Value::text).toList()) + ")";
        }
        return kind.key() + "(" + Format.real(lower) + ", " + Format.real(upper) + ")";
    }

    private ComponentSpec.Value real(double value) {
        double rounded = new BigDecimal(value).round(new MathContext(4)).doubleValue();
        return new ComponentSpec.Scalar(Format.real(Math.max(lower, Math.min(upper, rounded))));
    }

    private ComponentSpec.Value integer(double value) {
        return new ComponentSpec.Scalar(Long.toString((long) Math.max(lower, Math.min(upper, value))));
    }
}
