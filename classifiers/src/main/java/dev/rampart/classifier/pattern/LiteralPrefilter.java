package dev.rampart.classifier.pattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A cheap necessary condition for a regular expression: words at least one of which must occur in any text it
 * matches. Most policy patterns start with an alternation of words ({@code \b(kill|murder|poison)\w*…}); when none of
 * those words occurs in the (lower-cased) text, the regex cannot match and is not run. Patterns whose start cannot be
 * read this way get no prefilter and always run.
 */
final class LiteralPrefilter {
    private final List<String> words;

    private LiteralPrefilter(List<String> words) {
        this.words = List.copyOf(words);
    }

    /** The prefilter of a literal term: its first (normalised) word. */
    static LiteralPrefilter ofWord(String word) {
        return word.isEmpty() ? null : new LiteralPrefilter(List.of(word));
    }

    /** The prefilter of a regex, or null when none can be derived safely. */
    static LiteralPrefilter of(String regex) {
        String r = regex;
        if (r.startsWith("\\b")) {
            r = r.substring(2);
        }
        if (r.startsWith("(?:")) {
            r = "(" + r.substring(3);
        }
        List<String> alternatives = new ArrayList<>();
        if (r.startsWith("(")) {
            int depth = 0;
            int start = 1;
            for (int i = 0; i < r.length(); i++) {
                char c = r.charAt(i);
                if (c == '\\') {
                    i++;
                    continue;
                }
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                    if (depth == 0) {
                        alternatives.add(r.substring(start, i));
                        if (i + 1 < r.length() && "?*".indexOf(r.charAt(i + 1)) >= 0) {
                            return null; // the whole group is optional
                        }
                        break;
                    }
                } else if (c == '|' && depth == 1) {
                    alternatives.add(r.substring(start, i));
                    start = i + 1;
                }
            }
            if (depth != 0) {
                return null;
            }
        } else {
            alternatives.add(r);
        }
        List<String> words = new ArrayList<>();
        for (String alternative : alternatives) {
            String stem = stem(alternative.startsWith("?:") ? alternative.substring(2) : alternative);
            if (stem.length() < 2) {
                return null;
            }
            words.add(stem);
        }
        return words.isEmpty() ? null : new LiteralPrefilter(words);
    }

    /** The leading run of plain letters and digits, minus a last char made optional by a quantifier. */
    private static String stem(String alternative) {
        int i = 0;
        while (i < alternative.length() && Character.isLetterOrDigit(alternative.charAt(i))
                && alternative.charAt(i) < 0x80) {
            i++;
        }
        if (i < alternative.length() && "?*{".indexOf(alternative.charAt(i)) >= 0) {
            i--;
        }
        return i <= 0 ? "" : alternative.substring(0, i).toLowerCase(Locale.ROOT);
    }

    /** Whether the regex may match {@code lowerCaseText}. */
    boolean mayMatch(String lowerCaseText) {
        for (String w : words) {
            if (lowerCaseText.contains(w)) {
                return true;
            }
        }
        return false;
    }

    List<String> words() {
        return words;
    }
}
