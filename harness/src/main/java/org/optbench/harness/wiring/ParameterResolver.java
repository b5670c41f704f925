package org.optbench.harness.wiring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.optbench.harness.UserError;
import org.optbench.harness.config.ComponentSpec;

/**
 * Types a component's given parameters against its declaration. A list given for a scalar parameter
 * ({@code lr=[0.1, 0.01]}), or a list of lists for a list parameter ({@code hidden=[[128], [256, 64]]}), is a
 * grid axis: the component expands into one alternative per value.
 */
public final class ParameterResolver {

    private ParameterResolver() {
    }

    /**
     * The typed alternatives of {@code spec}, in grid order (first declared parameter slowest).
     *
     * @param origin where the component was written, for messages
     * @throws UserError for an unknown parameter (with the closest match and the known ones) or a wrong type
     */
    public static List<ParameterValues> resolve(Component component, List<ParameterSpec> declared, ComponentSpec spec,
            String origin) {
        Map<String, ParameterSpec> byName = new LinkedHashMap<>();
        for (ParameterSpec parameter : declared) {
            byName.put(parameter.name(), parameter);
        }
        for (String key : spec.parameters().keySet()) {
            if (!byName.containsKey(key)) {
                String known = byName.isEmpty() ? "it takes no parameters" : "its parameters are " + String.join(", ", byName.keySet());
                throw new UserError(origin + ": " + component.name() + " has no parameter '" + key + "'"
                        + Names.suggestion(key, byName.keySet()) + "; " + known);
            }
        }
        List<Map<String, Object>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (ParameterSpec parameter : declared) {
            ComponentSpec.Value given = spec.parameters().get(parameter.name());
            List<Object> alternatives = new ArrayList<>();
            if (given == null) {
                alternatives.add(parameter.defaultValue());
            } else if (isAxis(parameter, given)) {
                List<ComponentSpec.Value> items = ((ComponentSpec.ListValue) given).items();
                if (items.isEmpty()) {
                    throw new UserError(origin + ": " + component.name() + ": " + parameter.name()
                            + " is an empty list, so the grid is empty; give at least one value");
                }
                for (ComponentSpec.Value item : items) {
                    alternatives.add(convert(component, parameter, item, origin));
                }
            } else {
                alternatives.add(convert(component, parameter, given, origin));
            }
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : combinations) {
                for (Object alternative : alternatives) {
                    Map<String, Object> extended = new LinkedHashMap<>(partial);
                    extended.put(parameter.name(), alternative);
                    next.add(extended);
                }
            }
            combinations = next;
        }
        List<ParameterValues> result = new ArrayList<>();
        for (Map<String, Object> combination : combinations) {
            result.add(new ParameterValues(component.name(), combination));
        }
        return result;
    }

    private static boolean isAxis(ParameterSpec parameter, ComponentSpec.Value given) {
        if (!(given instanceof ComponentSpec.ListValue list)) {
            return false;
        }
        if (!parameter.type().isList()) {
            return true;
        }
        return !list.items().isEmpty() && list.items().stream().allMatch(ComponentSpec.ListValue.class::isInstance);
    }

    /** Converts one value to the parameter's type. */
    public static Object convert(Component component, ParameterSpec parameter, ComponentSpec.Value value, String origin) {
        String prefix = origin + ": " + component.name() + ": " + parameter.name();
        if (value instanceof ComponentSpec.Distribution distribution) {
            throw new UserError(prefix + "=" + distribution.text() + " is a search space: it needs a tuning: block"
                    + " (docs/harness.md, \"Tuning\"), and works on optimizer parameters only");
        }
        switch (parameter.type()) {
            case REAL_LIST, INTEGER_LIST -> {
                List<ComponentSpec.Value> items = value instanceof ComponentSpec.ListValue list ? list.items() : List.of(value);
                List<Object> converted = new ArrayList<>();
                for (ComponentSpec.Value item : items) {
                    if (!(item instanceof ComponentSpec.Scalar scalar)) {
                        throw new UserError(prefix + " must be a " + parameter.type().label() + ", got " + value.text());
                    }
                    // Not a ?: expression: it would promote the Integer to a Double.
                    if (parameter.type() == ParameterType.REAL_LIST) {
                        converted.add(parseReal(scalar.text(), prefix + " must be a " + parameter.type().label()));
                    } else {
                        converted.add(parseInteger(scalar.text(), prefix + " must be a " + parameter.type().label()));
                    }
                }
                return List.copyOf(converted);
            }
            default -> {
                if (!(value instanceof ComponentSpec.Scalar scalar)) {
                    throw new UserError(prefix + " must be a single " + parameter.type().label() + ", got " + value.text());
                }
                String text = scalar.text();
                return switch (parameter.type()) {
                    case REAL -> parseReal(text, prefix + " must be a real number");
                    case INTEGER -> parseInteger(text, prefix + " must be an integer");
                    case UPDATES -> ParameterSpec.AUTO.equals(text) ? ParameterSpec.AUTO
                            : parseInteger(text, prefix + " must be an integer or auto");
                    case BOOLEAN -> switch (text.toLowerCase(Locale.ROOT)) {
                        case "true" -> Boolean.TRUE;
                        case "false" -> Boolean.FALSE;
                        default -> throw new UserError(prefix + " must be true or false, got '" + text + "'");
                    };
                    case CHOICE -> {
                        if (!parameter.choices().contains(text)) {
                            throw new UserError(prefix + " must be one of " + String.join(", ", parameter.choices())
                                    + ", got '" + text + "'" + Names.suggestion(text, parameter.choices()));
                        }
                        yield text;
                    }
                    default -> throw new IllegalStateException(parameter.type().toString());
                };
            }
        }
    }

    private static Double parseReal(String text, String message) {
        try {
            double value = Double.parseDouble(text);
            if (text.endsWith("d") || text.endsWith("D") || text.endsWith("f") || text.endsWith("F")) {
                throw new NumberFormatException(text);
            }
            if (!Double.isFinite(value)) {
                // NaN, Infinity, or a literal beyond the double range such as 1e400: no parameter means any of them.
                throw new UserError(message + ", got '" + text + "', which is not a finite number");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UserError(message + ", got '" + text + "'");
        }
    }

    private static Integer parseInteger(String text, String message) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            try {
                double value = Double.parseDouble(text);
                if (value == Math.rint(value) && Math.abs(value) <= Integer.MAX_VALUE) {
                    return (int) value;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the message
            }
            throw new UserError(message + ", got '" + text + "'");
        }
    }
}
