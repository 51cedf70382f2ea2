package dev.rampart.classifier.normalize;

import java.text.Bidi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Extra readings of a text that hides what it says — each scored by the classifiers as an additional text, while the
 * model still receives the original. A view is produced only when the text shows the trick:
 * <ul>
 *   <li>{@link Kind#DECODED}: the text inside base64, hex and %-encoded runs, through nested layers
 *       ({@link TextNormalizer#normalize} explains which runs are decoded), on its own;</li>
 *   <li>{@link Kind#TAG_CHARACTERS}: ASCII smuggled as Unicode tag characters (U+E0020–U+E007E), read as ASCII;</li>
 *   <li>{@link Kind#VISUAL_ORDER}: text with explicit bidi controls (RLO, RLE, RLI…), in the order a reader sees it
 *       (the Unicode bidi algorithm, {@link java.text.Bidi});</li>
 *   <li>{@link Kind#JOINED_LETTERS}: letters spelled out one by one with separators ({@code P l a n}, {@code P.l.a.n},
 *       {@code P-l-a-n}, {@code P_l_a_n}, one per line…) joined into words; in a run, the separator used most often
 *       joins letters and any other separator marks a word break;</li>
 *   <li>{@link Kind#LEETSPEAK}: every digit and leet symbol read as a letter, standalone digits included
 *       ({@code 4 → a}, {@code 1 → i}, {@code 7 → t}…);</li>
 *   <li>{@link Kind#ROT13} and {@link Kind#REVERSED}: the text rotated by 13 letters, or written backwards.</li>
 * </ul>
 * The last three are guesses, so they are kept per sentence only where the reading has clearly more English function
 * words than the sentence had ({@link LanguageGuess#englishShare}): ordinary text gets none of them.
 * Views are built from the tag and visual-order readings as well as from the text itself, so tricks stack
 * (tag-smuggled leetspeak). Every view maps each of its chars back to original-text coordinates. Together the views
 * of a text hold at most {@link #BUDGET_FACTOR} times its length plus {@link #BUDGET_BASE} chars; a view that would
 * pass the budget is dropped, so the cost of scoring a text stays linear in its length.
 */
public final class TextViews {
    /** Views of one text hold at most this many times its length (plus {@link #BUDGET_BASE}) chars together. */
    public static final int BUDGET_FACTOR = 4;
    /** Chars views may always use, however short the text. */
    public static final int BUDGET_BASE = 1024;
    /** Fewest single letters in a row that are joined. */
    static final int MIN_SPELLED_LETTERS = 4;
    private static final double MIN_ENGLISH_SHARE = 0.2;
    private static final double MIN_ENGLISH_GAIN = 0.1;
    /** A sentence with this share of English function words is English as written and is not re-read. */
    private static final double ALREADY_ENGLISH = 0.5;

    /** The kinds of reading. */
    public enum Kind {
        DECODED, TAG_CHARACTERS, VISUAL_ORDER, JOINED_LETTERS, LEETSPEAK, ROT13, REVERSED
    }

    /**
     * One reading of the text.
     *
     * @param kind the trick it undoes (the last one, when several were undone)
     * @param text the reading, case preserved, with the map back to the original
     */
    public record View(Kind kind, NormalizedText text) {
    }

    private static final Map<Character, Character> LEET = new HashMap<>();

    static {
        String from = "0123456789@$!|+€£¡";
        String to = "oizeasgtbgasiltegi";
        for (int i = 0; i < from.length(); i++) {
            LEET.put(from.charAt(i), to.charAt(i));
        }
    }

    private TextViews() {
    }

    /** The views of {@code original}; empty for ordinary text. */
    public static List<View> of(String original) {
        return of(original, TextNormalizer.decoded(original));
    }

    /** The views of {@code original} whose encoded runs decode to {@code decoded} (found by the caller already). */
    static List<View> of(String original, List<TextNormalizer.Decoded> decoded) {
        long budget = BUDGET_BASE + (long) BUDGET_FACTOR * original.length();
        NormalizedText base = TextNormalizer.clean(original);
        List<View> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        seen.add(base.text());
        long[] left = {budget};
        List<View> sources = new ArrayList<>();
        sources.add(new View(null, base));
        View tags = tagCharacters(original);
        if (tags != null) {
            sources.add(tags);
        }
        View visual = visualOrder(original);
        if (visual != null) {
            sources.add(visual);
        }
        for (TextNormalizer.Decoded d : decoded) {
            sources.add(new View(Kind.DECODED, wholeRun(TextNormalizer.clean(d.text()), d, original.length())));
        }
        for (View source : sources) {
            if (source.kind() != null) {
                add(out, seen, left, source);
            }
            NormalizedText text = source.text();
            NormalizedText joined = joinLetters(text);
            if (joined != null) {
                add(out, seen, left, new View(Kind.JOINED_LETTERS, joined));
                text = joined;
            }
            for (View guessed : perSentence(text)) {
                add(out, seen, left, guessed);
            }
        }
        return out;
    }

    private static void add(List<View> out, Set<String> seen, long[] left, View view) {
        if (view == null || view.text().text().isBlank() || !seen.add(view.text().text())) {
            return;
        }
        if (view.text().text().length() > left[0]) {
            return;
        }
        left[0] -= view.text().text().length();
        out.add(view);
    }

    /** {@code text} with every char mapped to the whole encoded run it was decoded from. */
    private static NormalizedText wholeRun(NormalizedText text, TextNormalizer.Decoded run, int originalLength) {
        TextNormalizer.Out out = new TextNormalizer.Out(text.text().length());
        for (int k = 0; k < text.text().length(); k++) {
            out.add(text.text().charAt(k), run.start(), run.end());
        }
        return out.build(originalLength, out.length());
    }

    // ------------------------------------------------------------------------------------------ tag characters

    private static View tagCharacters(String original) {
        TextNormalizer.Out out = null;
        int i = 0;
        while (i < original.length()) {
            int cp = original.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cp >= 0xE0020 && cp <= 0xE007E) {
                if (out == null) {
                    out = new TextNormalizer.Out(64);
                }
                out.add((char) (cp - 0xE0000), i, next);
            }
            i = next;
        }
        return out == null || out.length() < 3 ? null : new View(Kind.TAG_CHARACTERS, out.build(original.length(), out.length()));
    }

    // -------------------------------------------------------------------------------------------- visual order

    private static boolean hasBidiControls(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || c == 0x200F || c == 0x061C) {
                return true;
            }
        }
        return false;
    }

    /** The text in display order, per line, without invisible characters; null when it has no bidi controls. */
    private static View visualOrder(String original) {
        if (!hasBidiControls(original)) {
            return null;
        }
        TextNormalizer.Out out = new TextNormalizer.Out(original.length());
        int lineStart = 0;
        while (lineStart <= original.length()) {
            int lineEnd = original.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = original.length();
            }
            visualLine(original, lineStart, lineEnd, out);
            if (lineEnd < original.length()) {
                out.add('\n', lineEnd, lineEnd + 1);
            }
            lineStart = lineEnd + 1;
        }
        return new View(Kind.VISUAL_ORDER, out.build(original.length(), out.length()));
    }

    private static void visualLine(String s, int from, int to, TextNormalizer.Out out) {
        if (from >= to) {
            return;
        }
        Bidi bidi = new Bidi(s.substring(from, to), Bidi.DIRECTION_DEFAULT_LEFT_TO_RIGHT);
        int runs = bidi.getRunCount();
        byte[] levels = new byte[runs];
        Integer[] order = new Integer[runs];
        for (int r = 0; r < runs; r++) {
            levels[r] = (byte) bidi.getRunLevel(r);
            order[r] = r;
        }
        Bidi.reorderVisually(levels, 0, order, 0, runs);
        for (Integer r : order) {
            int start = from + bidi.getRunStart(r);
            int limit = from + bidi.getRunLimit(r);
            if ((bidi.getRunLevel(r) & 1) == 0) {
                for (int i = start; i < limit; ) {
                    int cp = s.codePointAt(i);
                    int next = i + Character.charCount(cp);
                    emitVisible(s, i, next, cp, out);
                    i = next;
                }
            } else {
                for (int i = limit; i > start; ) {
                    int cp = s.codePointBefore(i);
                    int prev = i - Character.charCount(cp);
                    emitVisible(s, prev, i, cp, out);
                    i = prev;
                }
            }
        }
    }

    private static void emitVisible(String s, int start, int end, int cp, TextNormalizer.Out out) {
        if (TextNormalizer.invisible(cp)) {
            return;
        }
        for (int k = start; k < end; k++) {
            out.add(s.charAt(k), start, end);
        }
    }

    // ------------------------------------------------------------------------------------------ spelled letters

    private static boolean alnum(char c) {
        return Character.isLetterOrDigit(c);
    }

    /** Whether {@code s[i]} is a letter or digit standing alone between non-alphanumerics. */
    private static boolean single(String s, int i) {
        return i < s.length() && alnum(s.charAt(i)) && (i == 0 || !alnum(s.charAt(i - 1)))
                && (i + 1 == s.length() || !alnum(s.charAt(i + 1)));
    }

    /** The text with every run of spelled-out letters joined into words; null when it has none. */
    static NormalizedText joinLetters(NormalizedText source) {
        String s = source.text();
        TextNormalizer.Out out = null;
        int copied = 0;
        int i = 0;
        while (i < s.length()) {
            if (!single(s, i)) {
                i++;
                continue;
            }
            List<Integer> units = new ArrayList<>();
            units.add(i);
            int at = i;
            while (true) {
                int next = at + 1;
                while (next < s.length() && next - at - 1 <= 3 && !alnum(s.charAt(next))) {
                    next++;
                }
                int gap = next - at - 1;
                if (gap < 1 || gap > 3 || !single(s, next)) {
                    break;
                }
                units.add(next);
                at = next;
            }
            if (units.size() < MIN_SPELLED_LETTERS) {
                i = at + 1;
                continue;
            }
            if (out == null) {
                out = new TextNormalizer.Out(s.length());
            }
            for (int k = copied; k < units.get(0); k++) {
                copy(source, k, out);
            }
            String joiner = dominantSeparator(s, units);
            for (int u = 0; u < units.size(); u++) {
                int pos = units.get(u);
                if (u > 0) {
                    int prev = units.get(u - 1);
                    if (!s.substring(prev + 1, pos).equals(joiner)) {
                        out.add(' ', source.toOriginal()[prev + 1], source.toOriginalEnd()[pos - 1]);
                    }
                }
                copy(source, pos, out);
            }
            copied = at + 1;
            i = at + 1;
        }
        if (out == null) {
            return null;
        }
        for (int k = copied; k < s.length(); k++) {
            copy(source, k, out);
        }
        return out.build(source.toOriginal()[s.length()], out.length());
    }

    private static String dominantSeparator(String s, List<Integer> units) {
        Map<String, Integer> counts = new HashMap<>();
        String best = null;
        int bestCount = 0;
        for (int u = 1; u < units.size(); u++) {
            String sep = s.substring(units.get(u - 1) + 1, units.get(u));
            int c = counts.merge(sep, 1, Integer::sum);
            if (c > bestCount || c == bestCount && sep.length() < best.length()) {
                best = sep;
                bestCount = c;
            }
        }
        return best;
    }

    private static void copy(NormalizedText source, int k, TextNormalizer.Out out) {
        out.add(source.text().charAt(k), source.toOriginal()[k], source.toOriginalEnd()[k]);
    }

    // -------------------------------------------------------------------- leetspeak, ROT13, reversed: per sentence

    private static final Kind[] GUESSED = {Kind.LEETSPEAK, Kind.ROT13, Kind.REVERSED};

    /**
     * For each guessed kind (leetspeak, ROT13, reversed): the sentences of {@code source} whose reading has clearly
     * more English function words than they had, in that reading, joined by spaces; no view when no sentence gains.
     * A sentence that already reads as English (half its words English function words) is not re-read.
     */
    private static List<View> perSentence(NormalizedText source) {
        String s = source.text();
        TextNormalizer.Out[] outs = new TextNormalizer.Out[GUESSED.length];
        int start = 0;
        while (start < s.length()) {
            int end = sentenceEnd(s, start);
            String sentence = s.substring(start, end);
            double share = LanguageGuess.englishShare(sentence);
            if (share < ALREADY_ENGLISH) {
                for (int g = 0; g < GUESSED.length; g++) {
                    Kind kind = GUESSED[g];
                    if (kind == Kind.LEETSPEAK && !hasLeet(sentence)) {
                        continue;
                    }
                    String reading = read(kind, sentence);
                    double gained = reading.equals(sentence) ? 0.0 : LanguageGuess.englishShare(reading);
                    if (gained >= MIN_ENGLISH_SHARE && gained >= share + MIN_ENGLISH_GAIN) {
                        if (outs[g] == null) {
                            outs[g] = new TextNormalizer.Out(Math.min(s.length(), 1024));
                        } else {
                            outs[g].add(' ', source.toOriginal()[start], source.toOriginal()[start]);
                        }
                        for (int k = 0; k < reading.length(); k++) {
                            int from = kind == Kind.REVERSED ? end - 1 - k : start + k;
                            outs[g].add(reading.charAt(k), source.toOriginal()[from], source.toOriginalEnd()[from]);
                        }
                    }
                }
            }
            start = end;
        }
        List<View> views = new ArrayList<>();
        for (int g = 0; g < GUESSED.length; g++) {
            if (outs[g] != null) {
                views.add(new View(GUESSED[g], outs[g].build(source.toOriginal()[s.length()], outs[g].length())));
            }
        }
        return views;
    }

    private static boolean hasLeet(String sentence) {
        for (int i = 0; i < sentence.length(); i++) {
            if (LEET.containsKey(sentence.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The end of the sentence starting at {@code start}: past a {@code . ? !} followed by a space, or a line end. */
    private static int sentenceEnd(String s, int start) {
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || (c == '.' || c == '?' || c == '!') && (i + 1 == s.length() || Character.isWhitespace(s.charAt(i + 1)))) {
                return i + 1;
            }
        }
        return s.length();
    }

    private static String read(Kind kind, String sentence) {
        return switch (kind) {
            case LEETSPEAK -> leet(sentence);
            case ROT13 -> rot13(sentence);
            case REVERSED -> reversed(sentence);
            default -> sentence;
        };
    }

    /** Longest word read as leetspeak: longer runs are hashes, keys and identifiers. */
    static final int MAX_LEET_WORD = 20;

    private static boolean leetWordChar(char c) {
        return alnum(c) || LEET.containsKey(c);
    }

    /**
     * Reads digits and leet symbols as letters (char for char, so the map stays aligned), in words of at most
     * {@link #MAX_LEET_WORD} chars; a number of two digits or more ({@code 2024}, {@code 64}) stays a number.
     */
    static String leet(String s) {
        char[] c = s.toCharArray();
        int i = 0;
        while (i < c.length) {
            if (!leetWordChar(c[i])) {
                i++;
                continue;
            }
            int end = i;
            boolean letter = false;
            while (end < c.length && leetWordChar(c[end])) {
                letter |= Character.isLetter(c[end]);
                end++;
            }
            if (end - i <= MAX_LEET_WORD && (letter || end - i == 1)) {
                leetWord(s, c, i, end);
            }
            i = end;
        }
        return new String(c);
    }

    private static void leetWord(String s, char[] c, int from, int to) {
        for (int i = from; i < to; i++) {
            Character l = LEET.get(c[i]);
            if (l == null) {
                continue;
            }
            boolean digit = c[i] >= '0' && c[i] <= '9';
            boolean before = i > 0 && alnum(s.charAt(i - 1));
            boolean after = i + 1 < c.length && alnum(s.charAt(i + 1));
            if (digit || after || before && c[i] != '!') {
                c[i] = l;
            }
        }
    }

    static String rot13(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            char x = c[i];
            if (x >= 'a' && x <= 'z') {
                c[i] = (char) ('a' + (x - 'a' + 13) % 26);
            } else if (x >= 'A' && x <= 'Z') {
                c[i] = (char) ('A' + (x - 'A' + 13) % 26);
            }
        }
        return new String(c);
    }

    /** Char for char reversed (surrogate pairs are reversed too; views read letters, which are BMP here). */
    static String reversed(String s) {
        return new StringBuilder(s).reverse().toString();
    }
}
