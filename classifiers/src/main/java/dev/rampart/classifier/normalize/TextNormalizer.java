package dev.rampart.classifier.normalize;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises text before any classifier sees it, so that look-alike, hidden and encoded characters cannot smuggle a
 * phrase past a detector. The upstream always receives the original bytes; this is only what is scanned.
 *
 * <p>Three forms, each a pure function of the original:
 * <ul>
 *   <li>{@link #normalize(String)} — the <b>scanning form</b> for patterns and keyword-like detectors. Per code point:
 *       Unicode NFKC (fullwidth, ligatures, mathematical and circled letters, superscripts), removal of zero-width,
 *       bidi-control, variation-selector and tag characters (U+E0000–E007F) and of stray combining diacritics
 *       (Zalgo), folding of common Cyrillic, Greek and Armenian look-alikes to Latin, Latin letters stripped of
 *       diacritics, lower case, and runs of whitespace collapsed to one space. Then appended, each after a
 *       {@code '\n'}: a <em>leetspeak</em> reading of the main part (only when some word mixes letters with
 *       {@code 0 1 3 4 5 7 @ $}; {@code 0→o 1→i 3→e 4→a 5→s 7→t @→a $→s}), and the decoded text of encoded
 *       segments — base64 (standard or URL-safe) and hex runs of 16+ characters, hex bytes with separators or
 *       {@code \x} escapes, and %-encoded runs — that decode to printable UTF-8, themselves normalised (nested
 *       encodings in any order up to 3 levels: an inner layer need only be printable and hold another encoded run,
 *       the innermost must be mostly letters), and then the {@link TextViews} of the text (tag characters, visual
 *       order, joined letters, leetspeak with standalone digits, ROT13, reversed) folded the same way. Decoded chars
 *       map back to the whole encoded run in the original, other chars to the chars they were read from.</li>
 *   <li>{@link #clean(String)} — case and whitespace preserved, only NFKC, invisible characters and look-alikes
 *       folded, nothing appended: for detectors whose formats are case-sensitive (IBANs, API keys).</li>
 *   <li>{@link #forModel(String)} — for language-model classifiers: like {@link #clean(String)}, but look-alikes are
 *       folded only inside words that also contain ASCII letters (so genuine Cyrillic or Greek text stays readable),
 *       and decoded segments are appended in a visible {@code [decoded base64: …]} note.</li>
 * </ul>
 * All forms run in time linear in the text length.
 */
public final class TextNormalizer {
    /** Shortest base64 or hex run that is decoded. */
    public static final int MIN_ENCODED_RUN = 16;
    private static final int MAX_DECODE_DEPTH = 3;

    private static final Map<Character, Character> CONFUSABLES = new HashMap<>();
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]{16,}={0,2}");
    private static final Pattern HEX = Pattern.compile("(?<![0-9A-Za-z])(?:[0-9a-fA-F]{2}){8,}(?![0-9A-Za-z])");
    private static final Pattern SPACED_HEX =
            Pattern.compile("(?<![0-9A-Za-z])[0-9a-fA-F]{2}(?:[ :,-][0-9a-fA-F]{2}){7,}(?![0-9A-Za-z])");
    private static final Pattern ESCAPED_HEX = Pattern.compile("(?:\\\\[xX][0-9a-fA-F]{2}){8,}");
    private static final Pattern URL_ENCODED = Pattern.compile("(?:%[0-9a-fA-F]{2}[^\\s%]{0,3}){3,}");

    static {
        // Cyrillic look-alikes of Latin letters, lower and upper case
        confusables("аеорсухіјѕԁһԛԝӏвкмнтёїүАВЕКМНОРСТУХІЈЅԀҺԚԜӀҮ",
                    "aeopcyxijsdhqwlbkmhteiyABEKMHOPCTYXIJSDHQWIY");
        // Greek
        confusables("αβεικνορτυχγωηϲϳΑΒΕΖΗΙΚΜΝΟΡΤΥΧϹ",
                    "abeikvoptuxywncjABEZHIKMNOPTYXC");
        // Armenian and Latin IPA/small forms that NFKC leaves alone
        confusables("օսհցɑıȷɡʏ", "ouhgaijgy");
    }

    private static void confusables(String from, String to) {
        if (from.length() != to.length()) {
            throw new IllegalStateException("confusable table rows differ in length: " + from.length() + " vs " + to.length());
        }
        for (int i = 0; i < from.length(); i++) {
            CONFUSABLES.put(from.charAt(i), to.charAt(i));
        }
    }

    private TextNormalizer() {
    }

    /** The scanning form (see the class comment), with the map back to {@code original}. */
    public static NormalizedText normalize(String original) {
        return normalize(original, 0);
    }

    /** Case- and whitespace-preserving form without appended variants, with the map back to {@code original}. */
    public static NormalizedText clean(String original) {
        Out out = new Out(original.length());
        int i = 0;
        while (i < original.length()) {
            int cp = original.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cp < 0x80) {
                out.add((char) cp, i, next);
            } else if (!invisible(cp)) {
                String nfkc = nfkc(cp);
                for (int k = 0; k < nfkc.length(); k++) {
                    char c = nfkc.charAt(k);
                    out.add(CONFUSABLES.getOrDefault(c, c), i, next);
                }
            }
            i = next;
        }
        return out.build(original.length(), out.length());
    }

    /** The text a language-model classifier should read (see the class comment); no map back. */
    public static String forModel(String original) {
        return forModel(original, 0);
    }

    private static String forModel(String original, int depth) {
        boolean[] mixed = wordsWithAsciiLetters(original);
        StringBuilder out = new StringBuilder(original.length() + 16);
        int i = 0;
        while (i < original.length()) {
            int cp = original.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cp < 0x80) {
                out.append((char) cp);
            } else if (!invisible(cp)) {
                String nfkc = nfkc(cp);
                for (int k = 0; k < nfkc.length(); k++) {
                    char c = nfkc.charAt(k);
                    out.append(mixed[i] ? CONFUSABLES.getOrDefault(c, c) : c);
                }
            }
            i = next;
        }
        if (depth < MAX_DECODE_DEPTH) {
            forEachDecoded(original, depth, (kind, start, end, decoded) ->
                    out.append("\n\n[decoded ").append(kind).append(": ").append(forModel(decoded, depth + 1)).append(']'));
        }
        return out.toString();
    }

    /**
     * Folds the non-ASCII characters of a regular expression the way {@link #normalize(String)} folds text, so a
     * pattern written with accents, look-alikes or upper-case non-ASCII letters matches the scanning form. ASCII
     * (every regex metacharacter and escape) is left untouched; a char whose fold is not a single char is kept.
     */
    public static String foldPattern(String regex) {
        StringBuilder sb = new StringBuilder(regex.length());
        for (int k = 0; k < regex.length(); k++) {
            char c = regex.charAt(k);
            if (c < 0x80 || Character.isSurrogate(c)) {
                sb.append(c);
                continue;
            }
            String folded = foldScanning(c);
            sb.append(folded.length() == 1 ? folded : String.valueOf(c));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------- scanning form

    private static NormalizedText normalize(String original, int depth) {
        Out out = new Out(original.length() + 16);
        boolean lastSpace = true;
        int i = 0;
        while (i < original.length()) {
            int cp = original.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cp < 0x80) { // ASCII is NFKC-stable and has no look-alikes: the fast path
                char c = (char) cp;
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
                    if (!lastSpace) {
                        out.add(' ', i, next);
                        lastSpace = true;
                    }
                } else {
                    out.add(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c, i, next);
                    lastSpace = false;
                }
            } else if (!invisible(cp) && !strayDiacritic(cp)) {
                String folded = foldScanning(cp);
                for (int k = 0; k < folded.length(); k++) {
                    char c = folded.charAt(k);
                    if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                        if (lastSpace) {
                            continue;
                        }
                        c = ' ';
                        lastSpace = true;
                    } else {
                        lastSpace = false;
                    }
                    out.add(c, i, next);
                }
            }
            i = next;
        }
        int mainLength = out.length();
        appendLeetspeak(out, mainLength);
        List<Decoded> leaves = new ArrayList<>();
        if (depth < MAX_DECODE_DEPTH) {
            forEachDecoded(original, depth, (kind, start, end, decoded) -> {
                String folded = normalize(decoded, depth + 1).text();
                out.add('\n', start, end);
                for (int k = 0; k < folded.length(); k++) {
                    out.add(folded.charAt(k), start, end);
                }
                if (depth == 0) {
                    collectDecoded(decoded, 1, start, end, leaves);
                }
            });
        }
        if (depth == 0) {
            for (TextViews.View view : TextViews.of(original, leaves)) {
                if (view.kind() != TextViews.Kind.DECODED) { // decoded text is appended above already
                    appendView(out, view.text());
                }
            }
        }
        return out.build(original.length(), mainLength);
    }

    /** Appends a view after a {@code '\n'}, folded like the main part (whitespace kept), each char mapped back. */
    private static void appendView(Out out, NormalizedText view) {
        String v = view.text();
        out.add('\n', view.toOriginal()[0], view.toOriginalEnd()[0]);
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            int start = view.toOriginal()[k];
            int end = view.toOriginalEnd()[k];
            if (c < 0x80) {
                out.add(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c == '\n' ? ' ' : c, start, end);
            } else if (!Character.isSurrogate(c)) {
                String folded = foldScanning(c);
                for (int f = 0; f < folded.length(); f++) {
                    out.add(folded.charAt(f), start, end);
                }
            }
        }
    }

    private static String foldScanning(int cp) {
        String nfkc = nfkc(cp);
        StringBuilder sb = new StringBuilder(nfkc.length());
        for (int k = 0; k < nfkc.length(); k++) {
            char c = nfkc.charAt(k);
            c = CONFUSABLES.getOrDefault(c, c);
            c = Character.toLowerCase(c);
            c = CONFUSABLES.getOrDefault(c, c);
            if (c >= 0x80 && Character.isLetter(c)
                    && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN) {
                sb.append(stripDiacritics(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A Latin letter without its accents ({@code ö → o}); letters that do not decompose are kept. */
    private static String stripDiacritics(char c) {
        String nfd = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
        StringBuilder sb = new StringBuilder(1);
        for (int k = 0; k < nfd.length(); k++) {
            char d = nfd.charAt(k);
            if (Character.getType(d) != Character.NON_SPACING_MARK) {
                sb.append(Character.toLowerCase(d));
            }
        }
        return sb.length() == 0 ? String.valueOf(c) : sb.toString();
    }

    private static String nfkc(int cp) {
        String s = new String(Character.toChars(cp));
        return Normalizer.isNormalized(s, Normalizer.Form.NFKC) ? s : Normalizer.normalize(s, Normalizer.Form.NFKC);
    }

    /** Zero-width, bidi controls, soft hyphen, variation selectors, tag characters and other format characters. */
    static boolean invisible(int cp) {
        return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF || cp == 0x00AD
                || cp == 0x180E || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0x200E || cp == 0x200F || cp == 0x061C || (cp >= 0xE0000 && cp <= 0xE007F)
                || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) || cp == 0x034F
                || (cp >= 0x2061 && cp <= 0x2064) || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0
                || Character.getType(cp) == Character.FORMAT;
    }

    /** Combining diacritics (the blocks Zalgo text and decomposed accents use); other scripts' marks are kept. */
    private static boolean strayDiacritic(int cp) {
        return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF)
                || (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F);
    }

    // ------------------------------------------------------------------------------------------------- leetspeak

    private static char leet(char c) {
        return switch (c) {
            case '0' -> 'o';
            case '1' -> 'i';
            case '3' -> 'e';
            case '4' -> 'a';
            case '5' -> 's';
            case '7' -> 't';
            case '@' -> 'a';
            case '$' -> 's';
            default -> 0;
        };
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '@' || c == '$';
    }

    /** Appends a copy of the main part with leetspeak read in words that mix letters and leet characters. */
    private static void appendLeetspeak(Out out, int mainLength) {
        char[] copy = null;
        int w = 0;
        while (w < mainLength) {
            if (!wordChar(out.charAt(w))) {
                w++;
                continue;
            }
            int end = w;
            boolean letter = false;
            boolean leet = false;
            while (end < mainLength && wordChar(out.charAt(end))) {
                char c = out.charAt(end);
                if (leet(c) != 0) {
                    leet = true;
                } else if (Character.isLetter(c)) {
                    letter = true;
                }
                end++;
            }
            if (letter && leet) {
                if (copy == null) {
                    copy = out.chars(mainLength);
                }
                for (int k = w; k < end; k++) {
                    char l = leet(copy[k]);
                    if (l != 0) {
                        copy[k] = l;
                    }
                }
            }
            w = end;
        }
        if (copy != null) {
            out.add('\n', out.start(mainLength == 0 ? 0 : mainLength - 1), out.end(mainLength == 0 ? 0 : mainLength - 1));
            for (int k = 0; k < mainLength; k++) {
                out.add(copy[k], out.start(k), out.end(k));
            }
        }
    }

    // ------------------------------------------------------------------------------------------ encoded segments

    private interface DecodedSink {
        void accept(String kind, int start, int end, String decoded);
    }

    private interface Decoder {
        String decode(String segment);
    }

    /**
     * Reports each encoded run of {@code original} that decodes to text worth reading at {@code depth + 1}: mostly
     * printable letters, or — for a layer of a nested encoding — printable text holding an encoded run itself.
     */
    private static void forEachDecoded(String original, int depth, DecodedSink sink) {
        if (longestEncodedRun(original) >= MIN_ENCODED_RUN) {
            decodeAll("base64", BASE64.matcher(original), depth, sink, TextNormalizer::base64);
            decodeAll("hex", HEX.matcher(original), depth, sink, TextNormalizer::hex);
        }
        if (original.length() >= 23) {
            decodeAll("hex", SPACED_HEX.matcher(original), depth, sink, TextNormalizer::spacedHex);
        }
        if (original.indexOf('%') >= 0) {
            decodeAll("url", URL_ENCODED.matcher(original), depth, sink, TextNormalizer::url);
        }
        if (original.indexOf('\\') >= 0) {
            decodeAll("hex", ESCAPED_HEX.matcher(original), depth, sink, TextNormalizer::spacedHex);
        }
    }

    /** The innermost readable text of an encoded run, with the run's place in the original. */
    record Decoded(int start, int end, String text) {
    }

    /**
     * The decoded texts of the encoded runs of {@code original} that read as text (mostly letters), through nested
     * layers up to {@link #MAX_DECODE_DEPTH}, each with the span of the outermost run in the original.
     */
    static List<Decoded> decoded(String original) {
        List<Decoded> out = new ArrayList<>();
        forEachDecoded(original, 0, (kind, start, end, text) -> collectDecoded(text, 1, start, end, out));
        return out;
    }

    private static void collectDecoded(String text, int depth, int start, int end, List<Decoded> out) {
        if (lettersEnough(text)) {
            out.add(new Decoded(start, end, text));
        }
        if (depth < MAX_DECODE_DEPTH) {
            forEachDecoded(text, depth, (kind, s, e, inner) -> collectDecoded(inner, depth + 1, start, end, out));
        }
    }

    /** Whether {@code decoded} (read at {@code depth + 1}) holds an encoded run that decodes to text worth reading. */
    private static boolean holdsEncoded(String decoded, int depth) {
        if (depth + 1 >= MAX_DECODE_DEPTH) {
            return false;
        }
        boolean[] found = {false};
        forEachDecoded(decoded, depth + 1, (kind, start, end, inner) -> found[0] = true);
        return found[0];
    }

    private static int longestEncodedRun(String s) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '+' || c == '/' || c == '=' || c == '-' || c == '_') {
                run++;
                longest = Math.max(longest, run);
            } else {
                run = 0;
            }
        }
        return longest;
    }

    private static void decodeAll(String kind, Matcher m, int depth, DecodedSink sink, Decoder decoder) {
        while (m.find()) {
            String decoded = decoder.decode(m.group());
            if (decoded != null && printable(decoded) && (lettersEnough(decoded) || holdsEncoded(decoded, depth))) {
                sink.accept(kind, m.start(), m.end(), decoded);
            }
        }
    }

    private static String base64(String s) {
        String body = s;
        while (body.endsWith("=")) {
            body = body.substring(0, body.length() - 1);
        }
        if (body.length() % 4 == 1) {
            return null;
        }
        try {
            boolean urlSafe = body.indexOf('-') >= 0 || body.indexOf('_') >= 0;
            if (urlSafe && (body.indexOf('+') >= 0 || body.indexOf('/') >= 0)) {
                return null;
            }
            return utf8((urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(body));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String hex(String s) {
        byte[] bytes = new byte[s.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(s, 2 * i, 2 * i + 2, 16);
        }
        return utf8(bytes);
    }

    /** Hex bytes with separators ({@code 50 6c 61}, {@code 50:6c:61}) or escaped ({@code \\x50\\x6c}). */
    private static String spacedHex(String s) {
        StringBuilder digits = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
                i++;
            } else if (Character.digit(c, 16) >= 0) {
                digits.append(c);
            }
        }
        return digits.length() % 2 == 0 ? hex(digits.toString()) : null;
    }

    private static String url(String s) {
        try {
            return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** At least 95% printable. */
    private static boolean printable(String s) {
        if (s.isEmpty()) {
            return false;
        }
        int good = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != 0x7F && !(c >= 0x80 && c < 0xA0) || c == '\n' || c == '\t' || c == '\r') {
                good++;
            }
        }
        return good >= s.length() * 0.95;
    }

    /** At least half letters: decoded text worth scanning (not a checksum or binary that happened to be printable). */
    private static boolean lettersEnough(String s) {
        int letters = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetter(s.charAt(i))) {
                letters++;
            }
        }
        return letters >= s.length() * 0.5;
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** For each original index: whether it lies in a word (letters, marks, invisible chars) with an ASCII letter. */
    private static boolean[] wordsWithAsciiLetters(String s) {
        boolean[] mixed = new boolean[s.length() + 1];
        int start = -1;
        boolean ascii = false;
        int i = 0;
        while (i <= s.length()) {
            int cp = i < s.length() ? s.codePointAt(i) : ' ';
            int next = i + (i < s.length() ? Character.charCount(cp) : 1);
            boolean inWord = Character.isLetter(cp) || invisible(cp) || Character.getType(cp) == Character.NON_SPACING_MARK;
            if (inWord) {
                if (start < 0) {
                    start = i;
                    ascii = false;
                }
                ascii |= cp < 0x80;
            } else if (start >= 0) {
                if (ascii) {
                    Arrays.fill(mixed, start, i, true);
                }
                start = -1;
            }
            i = next;
        }
        return mixed;
    }

    /** The text being built with its two index maps. */
    static final class Out {
        private final StringBuilder text;
        private int[] starts;
        private int[] ends;

        Out(int capacity) {
            text = new StringBuilder(capacity);
            starts = new int[Math.max(16, capacity)];
            ends = new int[starts.length];
        }

        void add(char c, int start, int end) {
            int n = text.length();
            if (n + 1 >= starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
                ends = Arrays.copyOf(ends, ends.length * 2);
            }
            text.append(c);
            starts[n] = start;
            ends[n] = end;
        }

        int length() {
            return text.length();
        }

        char charAt(int i) {
            return text.charAt(i);
        }

        int start(int i) {
            return i < text.length() ? starts[i] : 0;
        }

        int end(int i) {
            return i < text.length() ? ends[i] : 0;
        }

        char[] chars(int length) {
            char[] c = new char[length];
            text.getChars(0, length, c, 0);
            return c;
        }

        NormalizedText build(int originalLength, int mainLength) {
            int n = text.length();
            int[] s = Arrays.copyOf(starts, n + 1);
            int[] e = Arrays.copyOf(ends, n + 1);
            s[n] = originalLength;
            e[n] = originalLength;
            return new NormalizedText(text.toString(), s, e, mainLength);
        }
    }
}
