package org.optbench.harness.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optbench.harness.UserError;

/**
 * Parses the component syntax {@code name} or {@code name(key=value, key=[a, b])} shared by experiment files and
 * the command line. Values are kept as text; typing and range checks happen when the component is resolved.
 */
public final class ComponentParser {
    private final String text;
    private final String origin;
    private int position;

    private ComponentParser(String text, String origin) {
        this.text = text;
        this.origin = origin;
    }

    /**
     * Parses one component.
     *
     * @param origin where the text came from, for messages (e.g. {@code exp.yaml:4: optimizer})
     * @throws UserError naming the origin, the text and the column of the first syntax error
     */
    public static ComponentSpec parse(String text, String origin) {
        ComponentParser parser = new ComponentParser(text, origin);
        ComponentSpec spec = parser.component();
        parser.skipSpaces();
        if (parser.position < text.length()) {
            throw parser.error("unexpected '" + text.charAt(parser.position) + "'");
        }
        return spec;
    }

    /** Parses a value on its own, a scalar or a {@code [a, b]} list (used for {@code --start 1,2} style input). */
    public static ComponentSpec.Value parseValue(String text, String origin) {
        ComponentParser parser = new ComponentParser(text, origin);
        ComponentSpec.Value value = parser.value();
        parser.skipSpaces();
        if (parser.position < text.length()) {
            throw parser.error("unexpected '" + text.charAt(parser.position) + "'");
        }
        return value;
    }

    private ComponentSpec component() {
        skipSpaces();
        String name = identifier("a component name");
        skipSpaces();
        Map<String, ComponentSpec.Value> parameters = new LinkedHashMap<>();
        if (peek() == '(') {
            position++;
            skipSpaces();
            if (peek() != ')') {
                while (true) {
                    skipSpaces();
                    String key = identifier("a parameter name");
                    skipSpaces();
                    expect('=');
                    ComponentSpec.Value value = value();
                    if (parameters.put(key, value) != null) {
                        throw error("parameter '" + key + "' is given twice");
                    }
                    skipSpaces();
                    if (peek() == ',') {
                        position++;
                        continue;
                    }
                    break;
                }
            }
            expect(')');
        }
        return new ComponentSpec(name, parameters);
    }

    /** Comma-separated values up to (not including) {@code close}; none when it comes first. */
    private List<ComponentSpec.Value> values(char close) {
        List<ComponentSpec.Value> items = new ArrayList<>();
        skipSpaces();
        if (peek() == close) {
            return items;
        }
        while (true) {
            items.add(value());
            skipSpaces();
            if (peek() != ',') {
                return items;
            }
            position++;
        }
    }

    private ComponentSpec.Value value() {
        skipSpaces();
        if (peek() == '[') {
            position++;
            List<ComponentSpec.Value> items = values(']');
            expect(']');
            return new ComponentSpec.ListValue(items);
        }
        int start = position;
        if (peek() == '"' || peek() == '\'') {
            char quote = text.charAt(position++);
            int end = text.indexOf(quote, position);
            if (end < 0) {
                throw error("unclosed quote");
            }
            position = end + 1;
            return new ComponentSpec.Scalar(text.substring(start + 1, end));
        }
        while (position < text.length() && ",)]([=".indexOf(text.charAt(position)) < 0) {
            position++;
        }
        String scalar = text.substring(start, position).trim();
        if (scalar.isEmpty()) {
            throw error("expected a value");
        }
        if (peek() == '(' && scalar.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            // A search-space distribution, e.g. loguniform(1e-5, 0.1); the tuning block checks its kind and bounds.
            position++;
            List<ComponentSpec.Value> arguments = values(')');
            expect(')');
            return new ComponentSpec.Distribution(scalar, arguments);
        }
        return new ComponentSpec.Scalar(scalar);
    }

    private String identifier(String what) {
        int start = position;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.') {
                position++;
            } else {
                break;
            }
        }
        if (start == position) {
            throw error("expected " + what);
        }
        return text.substring(start, position);
    }

    private void expect(char c) {
        skipSpaces();
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        position++;
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private UserError error(String problem) {
        String where = position < text.length() ? "at column " + (position + 1) : "at the end";
        return new UserError(origin + ": cannot parse '" + text + "': " + problem + " " + where
                + " (write name or name(key=value, key=[a, b]))");
    }
}
