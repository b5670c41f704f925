package org.optbench.reports;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a run meant to do, read from the resolved experiment in its {@code manifest.json}: how many trials each
 * configuration should have, how the seeds were paired, and the settings that make two runs comparable. Reports
 * and comparisons use it to say whether a run is complete and whether two runs ran the same experiment.
 *
 * @param experiment the manifest's {@code experiment} (the resolved experiment file), empty without a manifest
 * @param totalPlanned the manifest's {@code trials}, or -1 when unknown
 * @param pairing the manifest's {@code pairing} ({@code paired} or {@code independent}), or null when unknown
 */
public record RunPlan(Map<String, Object> experiment, int totalPlanned, String pairing) {

    /**
     * Keys of the resolved experiment that are not settings: the grid axes (matched as configurations), the seeds
     * (checked through the trials' data seeds and pairing) and the run's size (checked as completeness).
     */
    static final Set<String> NOT_SETTINGS = Set.of("name", "description", "dataset", "model", "optimizer",
            "schedule", "regularizers", "repeats", "seeds", "seed", "data_seed", "pairing");
    /** The flattened prefix of a part of the resolved experiment. */
    private static final Pattern PART = Pattern.compile("parts\\[\\d+]");

    public RunPlan {
        experiment = experiment == null ? Map.of() : new LinkedHashMap<>(experiment);
    }

    /** The plan of a run, from its parsed manifest (empty map: nothing is known). */
    @SuppressWarnings("unchecked")
    public static RunPlan of(Map<String, Object> manifest) {
        Object experiment = manifest.get("experiment");
        Object trials = manifest.get("trials");
        Object pairing = manifest.get("pairing");
        return new RunPlan(experiment instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of(),
                trials instanceof Number number ? number.intValue() : -1,
                pairing == null ? null : pairing.toString());
    }

    /** Whether the manifest described the experiment. */
    public boolean known() {
        return !experiment.isEmpty();
    }

    /**
     * Trials planned for {@code configuration}: the {@code repeats} (or the number of {@code seeds}) of the
     * experiment, or of the experiment part whose data sets include the configuration's; -1 when unknown.
     */
    public int planned(Configuration configuration) {
        for (Map<?, ?> part : parts()) {
            if (part.containsKey("dataset") && !mentions(part.get("dataset"), configuration.dataset())) {
                continue;
            }
            if (part.containsKey("optimizer") && !mentions(part.get("optimizer"), configuration.optimizer())) {
                continue;
            }
            Object seeds = part.get("seeds");
            if (seeds instanceof Collection<?> list && !list.isEmpty()) {
                return list.size();
            }
            Object repeats = part.get("repeats");
            if (repeats instanceof Number number) {
                return number.intValue();
            }
        }
        return -1;
    }

    /**
     * The settings of the run flattened to {@code key → value} ({@code epochs → 3}, {@code parts[1].steps → 200}),
     * without the keys of {@link #NOT_SETTINGS} of the experiment and of each part. Inside a block they are settings:
     * a tuning block's {@code seeds} (seeds per tuning configuration) is part of its budget, not the run's seeds.
     */
    public Map<String, String> settings() {
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", experiment, flat);
        return flat;
    }

    /**
     * The settings that differ between {@code this} (the baseline) and {@code other}, one {@code key: a → b} per
     * difference, in the baseline's order and then the candidate's new keys; empty when either plan is unknown.
     */
    public List<String> differences(RunPlan other) {
        List<String> differences = new ArrayList<>();
        if (!known() || !other.known()) {
            return differences;
        }
        Map<String, String> mine = settings();
        Map<String, String> theirs = other.settings();
        mine.forEach((key, value) -> {
            String candidate = theirs.get(key);
            if (!Objects.equals(value, candidate)) {
                differences.add(key + ": " + value + " → " + (candidate == null ? "absent" : candidate));
            }
        });
        theirs.forEach((key, value) -> {
            if (!mine.containsKey(key)) {
                differences.add(key + ": absent → " + value);
            }
        });
        return differences;
    }

    private List<Map<?, ?>> parts() {
        List<Map<?, ?>> parts = new ArrayList<>();
        if (experiment.get("parts") instanceof List<?> list && !list.isEmpty()) {
            list.stream().filter(Map.class::isInstance).forEach(part -> parts.add((Map<?, ?>) part));
        } else {
            parts.add(experiment);
        }
        return parts;
    }

    private static void flatten(String prefix, Object value, Map<String, String> flat) {
        if (value instanceof Map<?, ?> map) {
            boolean experimentLevel = prefix.isEmpty() || PART.matcher(prefix).matches();
            map.forEach((key, item) -> {
                if (!experimentLevel || !NOT_SETTINGS.contains(String.valueOf(key))) {
                    flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, item, flat);
                }
            });
        } else if (value instanceof List<?> list && list.stream().anyMatch(Map.class::isInstance)) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), flat);
            }
        } else {
            flat.put(prefix, String.valueOf(value));
        }
    }

    private static boolean mentions(Object values, String value) {
        if (values instanceof Collection<?> list) {
            return list.stream().anyMatch(item -> value.equals(String.valueOf(item)));
        }
        return values != null && value.equals(values.toString());
    }
}
