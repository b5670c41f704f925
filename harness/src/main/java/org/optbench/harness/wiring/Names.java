package org.optbench.harness.wiring;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Closest-match suggestions for misspelt names (Levenshtein distance). */
public final class Names {

    private Names() {
    }

    /** The edit distance between two strings: insertions, deletions and substitutions each cost 1. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * The known name closest to {@code name}: the only known name it abbreviates, else the nearest by edit distance
     * if close enough to be a plausible typo, at most half the length of the longer of the two (so {@code adma}
     * suggests {@code adam}, {@code val_acc} suggests {@code val_accuracy}, {@code xyz} suggests nothing).
     */
    public static Optional<String> closest(String name, Collection<String> known) {
        // An abbreviation (val_acc, nest) means the one name it starts, whatever the edit distance says.
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        List<String> extensions = known.stream().filter(candidate -> !lower.isEmpty()
                && candidate.toLowerCase(java.util.Locale.ROOT).startsWith(lower) && !candidate.equalsIgnoreCase(name)).toList();
        if (extensions.size() == 1) {
            return Optional.of(extensions.get(0));
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(name.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance || (d == bestDistance && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = d;
            }
        }
        if (best == null || bestDistance > Math.max(2, Math.max(name.length(), best.length()) / 2)) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    /** " (did you mean 'x'?)" or the empty string. */
    public static String suggestion(String name, Collection<String> known) {
        return closest(name, known).map(match -> " (did you mean '" + match + "'?)").orElse("");
    }
}
