package dev.rampart.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/** Suggestions for mistyped names in configuration and policy files: one wording everywhere. */
public final class DidYouMean {
    private DidYouMean() {
    }

    /** The known name nearest to {@code typo}, if one is within a third of its length (at least 2 edits). */
    public static Optional<String> nearest(String typo, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(typo.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, typo.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    /** {@code " (did you mean 'x'?)"}, or an empty string when nothing known is near. */
    public static String hint(String typo, Collection<String> known) {
        return nearest(typo, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    /**
     * The one message for a key a section does not know: the nearest known key when one is near, otherwise the list
     * of known keys.
     */
    public static String unknownKey(String key, Collection<String> known) {
        return nearest(key, known).map(s -> "unknown key (did you mean '" + s + "'?)")
                .orElseGet(() -> "unknown key (known keys: " + String.join(", ", new TreeSet<>(known)) + ")");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
