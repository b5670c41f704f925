package org.optbench.reports.figures;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.optbench.reports.Configuration;

/**
 * Short, readable labels for configurations: a component that is the same in every configuration is left out
 * (it belongs in the title), and inside a component only the parameters whose values differ between
 * configurations of the same name are kept, e.g. {@code adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-08)} and
 * {@code adam(lr=0.01, beta1=0.9, beta2=0.999, eps=1e-08)} become {@code adam(lr=0.001)} and {@code adam(lr=0.01)}.
 */
public final class Labels {
    private static final int MAX_LENGTH = 48;
    private static final String SEPARATOR = " · ";
    private static final List<Function<Configuration, String>> COMPONENTS = List.of(Configuration::optimizer,
            Configuration::schedule, Configuration::regularizers, Configuration::dataset, Configuration::model);

    private Labels() {
    }

    /** A label for each configuration, unique as long as the configurations are. */
    public static Map<Configuration, String> of(List<Configuration> configurations) {
        List<Configuration> distinct = new ArrayList<>(new LinkedHashSet<>(configurations));
        Map<Configuration, List<String>> parts = new LinkedHashMap<>();
        distinct.forEach(configuration -> parts.put(configuration, new ArrayList<>()));
        for (int index = 0; index < COMPONENTS.size(); index++) {
            Function<Configuration, String> component = COMPONENTS.get(index);
            Set<String> values = new LinkedHashSet<>();
            distinct.forEach(configuration -> values.add(component.apply(configuration)));
            // The optimizer always shows (it keys the colours), the others only when they vary.
            if (values.size() == 1 && index != 0) {
                continue;
            }
            Map<String, String> shortened = index == 2 ? shortenLists(values) : shorten(values);
            for (Configuration configuration : distinct) {
                String text = shortened.get(component.apply(configuration));
                parts.get(configuration).add(index == 2 && text.isEmpty() ? "no regularizer" : text);
            }
        }
        Map<Configuration, String> labels = new LinkedHashMap<>();
        for (Configuration configuration : distinct) {
            // Never cut: a label cut mid-word ("mlp(hidden…") can no longer be read or told from its neighbours.
            labels.put(configuration, String.join(SEPARATOR, parts.get(configuration)));
        }
        return labels;
    }

    /**
     * The labels of {@link #of} for a figure's legend: a label longer than {@value #MAX_LENGTH} characters is
     * broken into lines between its components (the legend draws each line), never inside one, so the legend
     * stays narrow and every word stays whole.
     */
    public static Map<Configuration, String> forLegend(List<Configuration> configurations) {
        Map<Configuration, String> wrapped = new LinkedHashMap<>();
        of(configurations).forEach((configuration, label) -> wrapped.put(configuration, wrap(label)));
        return wrapped;
    }

    /** Breaks {@code label} into lines of at most {@value #MAX_LENGTH} characters at its " · " separators. */
    static String wrap(String label) {
        StringBuilder text = new StringBuilder();
        int lineLength = 0;
        for (String part : label.split(java.util.regex.Pattern.quote(SEPARATOR))) {
            if (text.length() > 0 && lineLength + SEPARATOR.length() + part.length() > MAX_LENGTH) {
                text.append(" ·\n");
                lineLength = 0;
            } else if (text.length() > 0) {
                text.append(SEPARATOR);
                lineLength += SEPARATOR.length();
            }
            text.append(part);
            lineLength += part.length();
        }
        return text.toString();
    }

    /**
     * What every configuration has in common, for a figure's title: the components (other than the optimizer)
     * that do not vary, by name only, e.g. {@code mnist, mlp}; empty when everything varies.
     */
    public static String common(List<Configuration> configurations) {
        // Data set first, then model, schedule, regularizers: the order a reader asks for them.
        List<String> ordered = new ArrayList<>();
        for (int index : new int[] {3, 4, 1, 2}) {
            String value = values(configurations, COMPONENTS.get(index));
            if (value != null) {
                String name = index == 2 ? listNames(value) : nameOf(value);
                if (!name.isEmpty() && !name.equals("none") && !(index == 1 && name.equals("constant"))) {
                    ordered.add(name);
                }
            }
        }
        return String.join(", ", ordered);
    }

    private static String values(List<Configuration> configurations, Function<Configuration, String> component) {
        Set<String> values = new LinkedHashSet<>();
        configurations.forEach(configuration -> values.add(component.apply(configuration)));
        return values.size() == 1 ? values.iterator().next() : null;
    }

    /** Shortens component strings that share a position: parameters equal across a name are dropped. */
    static Map<String, String> shorten(Set<String> components) {
        Map<String, Map<String, Set<String>>> valuesByName = new LinkedHashMap<>();
        Map<String, Integer> countByName = new LinkedHashMap<>();
        for (String component : components) {
            String name = nameOf(component);
            countByName.merge(name, 1, Integer::sum);
            Map<String, Set<String>> values = valuesByName.computeIfAbsent(name, key -> new LinkedHashMap<>());
            parameters(component).forEach((key, value) -> values.computeIfAbsent(key, k -> new LinkedHashSet<>())
                    .add(value));
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (String component : components) {
            String name = nameOf(component);
            Map<String, String> parameters = parameters(component);
            List<String> kept = new ArrayList<>();
            for (Map.Entry<String, String> parameter : parameters.entrySet()) {
                Set<String> seen = valuesByName.get(name).get(parameter.getKey());
                // A parameter another configuration of the same name lacks also tells them apart.
                boolean missingElsewhere = countByName.get(name) > 1 && components.stream()
                        .filter(other -> nameOf(other).equals(name))
                        .anyMatch(other -> !parameters(other).containsKey(parameter.getKey()));
                if (seen.size() > 1 || missingElsewhere) {
                    kept.add(parameter.getKey() + "=" + parameter.getValue());
                }
            }
            result.put(component, kept.isEmpty() ? name : name + "(" + String.join(", ", kept) + ")");
        }
        return result;
    }

    /** Shortens regularizer lists such as {@code [l2(lambda=0.0001), dropout(p=0.5)]} element by element. */
    private static Map<String, String> shortenLists(Set<String> lists) {
        Set<String> elements = new LinkedHashSet<>();
        for (String list : lists) {
            elements.addAll(elements(list));
        }
        Map<String, String> shortElements = shorten(elements);
        Map<String, String> result = new LinkedHashMap<>();
        for (String list : lists) {
            List<String> parts = new ArrayList<>();
            for (String element : elements(list)) {
                parts.add(shortElements.get(element));
            }
            result.put(list, String.join(" + ", parts));
        }
        return result;
    }

    private static String listNames(String list) {
        List<String> names = new ArrayList<>();
        for (String element : elements(list)) {
            names.add(nameOf(element));
        }
        return String.join(" + ", names);
    }

    private static List<String> elements(String list) {
        String inner = list.trim();
        if (inner.startsWith("[") && inner.endsWith("]")) {
            inner = inner.substring(1, inner.length() - 1);
        }
        List<String> elements = new ArrayList<>();
        for (String element : splitTopLevel(inner)) {
            if (!element.isBlank()) {
                elements.add(element.trim());
            }
        }
        return elements;
    }

    /** The name of {@code name(k=v, ...)}. */
    public static String nameOf(String component) {
        String trimmed = component.trim();
        int open = trimmed.indexOf('(');
        return open < 0 ? trimmed : trimmed.substring(0, open).trim();
    }

    /** The parameters of {@code name(k=v, ...)} in order; values may hold brackets and commas. */
    static Map<String, String> parameters(String component) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String trimmed = component.trim();
        int open = trimmed.indexOf('(');
        if (open < 0 || !trimmed.endsWith(")")) {
            return parameters;
        }
        for (String part : splitTopLevel(trimmed.substring(open + 1, trimmed.length() - 1))) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                parameters.put(part.substring(0, equals).trim(), part.substring(equals + 1).trim());
            } else if (!part.isBlank()) {
                parameters.put(part.trim(), "");
            }
        }
        return parameters;
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
