package org.optbench.harness.config;

import java.util.List;

/**
 * A value of the experiment file before interpretation, with where it was written.
 *
 * @param value a {@code String} (scalar) or a {@code List<RawValue>} (sequence)
 * @param origin {@code file:line} or {@code --set key}, for messages
 */
public record RawValue(Object value, String origin) {

    public boolean isList() {
        return value instanceof List<?>;
    }

    @SuppressWarnings("unchecked")
    public List<RawValue> items() {
        return (List<RawValue>) value;
    }

    public String scalar() {
        return (String) value;
    }

    /** The value as it would be written in YAML flow style, for the manifest and messages. */
    public Object plain() {
        if (value instanceof List<?>) {
            return items().stream().map(RawValue::plain).toList();
        }
        return value;
    }
}
