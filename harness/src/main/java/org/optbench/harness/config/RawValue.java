package org.optbench.harness.config;

import java.util.List;

/**
 * A value of the experiment file before interpretation, with where it was written.
 *
 * @param value a {@code String} (scalar), a {@code List<RawValue>} (sequence) or a {@code Map<String, RawValue>}
 *     (mapping, only under {@code parts})
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
        if (!(value instanceof String text)) {
            throw new org.optbench.harness.UserError(origin + " takes a single value, not " + (isMap() ? "a mapping" : "a list"));
        }
        return text;
    }

    public boolean isMap() {
        return value instanceof java.util.Map<?, ?>;
    }

    @SuppressWarnings("unchecked")
    public java.util.Map<String, RawValue> map() {
        return (java.util.Map<String, RawValue>) value;
    }

    /** The value as it would be written in YAML flow style, for the manifest and messages. */
    public Object plain() {
        if (value instanceof List<?>) {
            return items().stream().map(RawValue::plain).toList();
        }
        if (isMap()) {
            java.util.Map<String, Object> plain = new java.util.LinkedHashMap<>();
            map().forEach((key, item) -> plain.put(key, item.plain()));
            return plain;
        }
        return value;
    }
}
