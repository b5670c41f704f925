package org.optbench.harness.trial;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
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

    public Target {
        if (!METRICS.contains(metric)) {
            throw new IllegalArgumentException("target: metric must be one of " + String.join(", ", METRICS) + ", got " + metric);
        }
        if (!OPERATORS.contains(operator)) {
            throw new IllegalArgumentException("target: operator must be one of >=, <=, >, <, got " + operator);
        }
    }

    /** Parses {@code metric op value}; {@code loss} is accepted for {@code train_loss}. */
    public static Target parse(String text, String origin) {
        String trimmed = text.trim();
        for (String operator : OPERATORS) {
            int at = trimmed.indexOf(operator);
            if (at > 0) {
                String metric = trimmed.substring(0, at).trim().toLowerCase(Locale.ROOT);
                if (metric.equals("loss")) {
                    metric = "train_loss";
                }
                if (!METRICS.contains(metric)) {
                    throw new UserError(origin + ": unknown metric '" + metric + "'" + Names.suggestion(metric, METRICS)
                            + "; a target is METRIC OP VALUE with METRIC one of " + String.join(", ", METRICS));
                }
                String number = trimmed.substring(at + operator.length()).trim();
                try {
                    return new Target(metric, operator, Double.parseDouble(number));
                } catch (NumberFormatException e) {
                    throw new UserError(origin + ": the target value must be a number, got '" + number + "'");
                }
            }
        }
        throw new UserError(origin + ": cannot parse target '" + text + "'; write METRIC OP VALUE, e.g. val_accuracy >= 0.97");
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
