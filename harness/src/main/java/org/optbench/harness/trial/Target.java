package org.optbench.harness.trial;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.optbench.harness.UserError;
import org.optbench.harness.wiring.Format;
import org.optbench.harness.wiring.Names;

/**
 * A goal such as {@code val_accuracy >= 0.97} or {@code train_loss <= 0.1}: the trial records the training
 * time and the updates it took to first meet it.
 *
 * @param metric {@code train_loss}, {@code val_loss}, {@code val_accuracy}, {@code test_loss} or {@code test_accuracy}
 * @param operator {@code >=}, {@code <=}, {@code >} or {@code <}
 * @param value the threshold
 */
public record Target(String metric, String operator, double value) implements Serializable {
    /** The metrics a target can watch. */
    public static final List<String> METRICS = List.of("train_loss", "val_loss", "val_accuracy", "test_loss", "test_accuracy");
    private static final List<String> OPERATORS = List.of(">=", "<=", ">", "<");
    /** A metric name, a run of operator characters (checked against {@link #OPERATORS}), a value. */
    private static final Pattern SHAPE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*([<>=!]+)\\s*(.+)");

    public Target {
        if (!METRICS.contains(metric)) {
            throw new IllegalArgumentException("target: metric must be one of " + String.join(", ", METRICS) + ", got " + metric);
        }
        if (!OPERATORS.contains(operator)) {
            throw new IllegalArgumentException("target: operator must be one of >=, <=, >, <, got " + operator);
        }
    }

    /** Metrics that are fractions of examples classified correctly, so their targets lie in [0, 1]. */
    public boolean isAccuracy() {
        return metric.endsWith("_accuracy");
    }

    /**
     * Parses {@code metric op value}; {@code loss} is accepted for {@code train_loss}. The value must be finite,
     * and in [0, 1] for an accuracy.
     */
    public static Target parse(String text, String origin) {
        Matcher parts = SHAPE.matcher(text.trim());
        if (!parts.matches()) {
            throw new UserError(origin + ": cannot parse target '" + text + "'; write METRIC OP VALUE, e.g. val_accuracy >= 0.97");
        }
        String metric = parts.group(1).toLowerCase(Locale.ROOT);
        if (metric.equals("loss")) {
            metric = "train_loss";
        }
        String operator = parts.group(2);
        if (!OPERATORS.contains(operator)) {
            String reversed = new StringBuilder(operator).reverse().toString();
            throw new UserError(origin + ": unknown operator '" + operator + "' in target '" + text.trim() + "'"
                    + (OPERATORS.contains(reversed) ? " (did you mean '" + reversed + "'?)" : Names.suggestion(operator, OPERATORS))
                    + "; the operators are >=, <=, > and <");
        }
        if (!METRICS.contains(metric)) {
            throw new UserError(origin + ": unknown metric '" + metric + "'" + Names.suggestion(metric, METRICS)
                    + "; a target is METRIC OP VALUE with METRIC one of " + String.join(", ", METRICS));
        }
        String number = parts.group(3).trim();
        double value;
        try {
            value = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new UserError(origin + ": the target value must be a number, got '" + number + "'");
        }
        if (!Double.isFinite(value)) {
            throw new UserError(origin + ": the target value must be a finite number, got '" + number + "'");
        }
        Target target = new Target(metric, operator, value);
        if (target.isAccuracy() && !(value >= 0 && value <= 1)) {
            throw new UserError(origin + ": " + metric + " is a fraction in [0, 1], but the target is " + target
                    + "; give a value in [0, 1], e.g. " + metric + " >= 0.97");
        }
        return target;
    }

    /** Whether {@code observed} meets the target (never for NaN). */
    public boolean isMet(double observed) {
        if (Double.isNaN(observed)) {
            return false;
        }
        return switch (operator) {
            case ">=" -> observed >= value;
            case "<=" -> observed <= value;
            case ">" -> observed > value;
            default -> observed < value;
        };
    }

    @Override
    public String toString() {
        return metric + " " + operator + " " + Format.real(value);
    }
}
