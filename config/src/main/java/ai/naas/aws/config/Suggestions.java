package ai.naas.aws.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean ...?" for a mistyped name: the known name closest to it by edit distance (Levenshtein: one
 * insertion, deletion or substitution each), if it is close enough to be the likely intent.
 */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The known name nearest to {@code typed}, when at most a third of it (and at least one character) differs;
     * ties go to the first in sorted order, so the answer does not depend on the collection's order.
     */
    public static Optional<String> closest(String typed, Collection<String> known) {
        if (typed == null) {
            return Optional.empty();
        }
        int allowed = Math.max(1, typed.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : known.stream().sorted().toList()) {
            int d = distance(typed.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
            if (!name.equals(typed) && d <= allowed && d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code "; did you mean 'x'?"} for the closest known name, or nothing. */
    public static String didYouMean(String typed, Collection<String> known) {
        return closest(typed, known).map(k -> "; did you mean '" + k + "'?").orElse("");
    }

    /** The Levenshtein distance between two texts. */
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
}
