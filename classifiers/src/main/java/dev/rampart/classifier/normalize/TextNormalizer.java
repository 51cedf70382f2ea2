package dev.rampart.classifier.normalize;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises text before any classifier sees it, so that look-alike and hidden characters cannot smuggle a phrase
 * past a detector. Per character: Unicode NFKC (fullwidth, ligatures, compatibility forms), removal of zero-width,
 * bidi-control and tag characters (U+E0000–E007F), folding of common Cyrillic and Greek confusables to Latin, lower
 * case, and runs of whitespace collapsed to one space. Then encoded segments — base64 runs of 16+ characters, hex
 * runs of 16+ digits and %-encoded runs — that decode to printable UTF-8 are decoded and appended (after a newline),
 * each decoded character mapped back to its whole encoded run in the original. The upstream always receives the
 * original bytes; this is only what is scanned.
 */
public final class TextNormalizer {
    private static final Map<Character, Character> CONFUSABLES = new HashMap<>();
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{16,}={0,2}");
    private static final Pattern HEX = Pattern.compile("\\b(?:[0-9a-fA-F]{2}){8,}\\b");
    private static final Pattern URL_ENCODED = Pattern.compile("(?:%[0-9a-fA-F]{2}[^\\s%]{0,3}){3,}");

    static {
        String cyrillic = "аеорсухіјѕԁһԛԝвкмнтАВЕКМНОРСТУХІЈЅ";
        String latin1 = "aeopcyxijsdhqwbkmhtABEKMHOPCTYXIJS";
        for (int i = 0; i < cyrillic.length(); i++) {
            CONFUSABLES.put(cyrillic.charAt(i), latin1.charAt(i));
        }
        String greek = "αβεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ";
        String latin2 = "abeiknoptuxABEZHIKMNOPTYX";
        for (int i = 0; i < greek.length(); i++) {
            CONFUSABLES.put(greek.charAt(i), latin2.charAt(i));
        }
    }

    private TextNormalizer() {
    }

    public static NormalizedText normalize(String original) {
        StringBuilder out = new StringBuilder(original.length() + 16);
        IntList starts = new IntList(original.length() + 16);
        IntList ends = new IntList(original.length() + 16);
        boolean lastSpace = true;
        int i = 0;
        while (i < original.length()) {
            int cp = original.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cp < 0x80) { // ASCII is NFKC-stable and has no confusables: the fast path
                char c = (char) cp;
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
                    if (!lastSpace) {
                        out.append(' ');
                        starts.add(i);
                        ends.add(next);
                        lastSpace = true;
                    }
                } else {
                    out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
                    starts.add(i);
                    ends.add(next);
                    lastSpace = false;
                }
                i = next;
                continue;
            }
            if (invisible(cp)) {
                i = next;
                continue;
            }
            String folded = fold(cp);
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
                out.append(c);
                starts.add(i);
                ends.add(next);
            }
            i = next;
        }
        appendDecoded(original, out, starts, ends);
        starts.add(original.length());
        ends.add(original.length());
        return new NormalizedText(out.toString(), starts.toArray(), ends.toArray());
    }

    private static boolean invisible(int cp) {
        return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF || cp == 0x00AD
                || cp == 0x180E || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0x200E || cp == 0x200F || cp == 0x061C || (cp >= 0xE0000 && cp <= 0xE007F)
                || (cp >= 0xFE00 && cp <= 0xFE0F) || Character.getType(cp) == Character.FORMAT;
    }

    private static String fold(int cp) {
        String nfkc = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
        StringBuilder sb = new StringBuilder(nfkc.length());
        for (int k = 0; k < nfkc.length(); k++) {
            char c = nfkc.charAt(k);
            Character latin = CONFUSABLES.get(c);
            sb.append(Character.toLowerCase(latin != null ? latin : c));
        }
        return sb.toString();
    }

    private static void appendDecoded(String original, StringBuilder out, IntList starts, IntList ends) {
        if (longestWordRun(original) >= 16) { // base64 and hex runs are at least 16 characters without a break
            decodeAll(BASE64.matcher(original), original, out, starts, ends, TextNormalizer::base64);
            decodeAll(HEX.matcher(original), original, out, starts, ends, TextNormalizer::hex);
        }
        if (original.indexOf('%') >= 0) {
            decodeAll(URL_ENCODED.matcher(original), original, out, starts, ends, TextNormalizer::url);
        }
    }

    private static int longestWordRun(String s) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=') {
                run++;
                longest = Math.max(longest, run);
            } else {
                run = 0;
            }
        }
        return longest;
    }

    private interface Decoder {
        String decode(String segment);
    }

    private static void decodeAll(Matcher m, String original, StringBuilder out, IntList starts, IntList ends,
                                  Decoder decoder) {
        while (m.find()) {
            String decoded = decoder.decode(m.group());
            if (decoded == null || !printable(decoded)) {
                continue;
            }
            String folded = normalize(decoded).text();
            out.append('\n');
            starts.add(m.start());
            ends.add(m.end());
            for (int k = 0; k < folded.length(); k++) {
                out.append(folded.charAt(k));
                starts.add(m.start());
                ends.add(m.end());
            }
        }
    }

    private static String base64(String s) {
        try {
            return utf8(Base64.getDecoder().decode(s.length() % 4 == 0 ? s : s + "=".repeat((4 - s.length() % 4) % 4)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String hex(String s) {
        byte[] bytes = new byte[s.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return utf8(bytes);
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

    /** Mostly letters, digits, punctuation and spaces: a decoded segment worth scanning. */
    private static boolean printable(String s) {
        if (s.isEmpty()) {
            return false;
        }
        int good = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != 0x7F || c == '\n' || c == '\t') {
                good++;
            }
        }
        return good >= s.length() * 0.95 && s.chars().filter(Character::isLetter).count() >= s.length() * 0.5;
    }

    /** A growable int array. */
    private static final class IntList {
        private int[] data;
        private int size;

        IntList(int capacity) {
            data = new int[Math.max(16, capacity)];
        }

        void add(int v) {
            if (size == data.length) {
                data = java.util.Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
