package dev.rampart.classifier.pattern;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Built-in detectors of personal and secret data, named {@code pii:*} in policies ({@link #NAMES}). Each is a bounded
 * regular expression plus, where the format has one, a check, so random digit runs are not redacted:
 * <ul>
 *   <li>{@code pii:email} — addresses with a dotted domain and a 2–24 letter top-level domain;</li>
 *   <li>{@code pii:phone} — international numbers ({@code +} and 9–15 digits) and North American
 *       {@code (555) 123-4567} forms;</li>
 *   <li>{@code pii:payment_card} — 13–19 digits, optionally grouped by single spaces or dashes, that pass the Luhn
 *       check (a valid card inside a longer run of groups is found too);</li>
 *   <li>{@code pii:iban} — country code, check digits and 11–30 alphanumerics, optionally in groups, mod-97 checked;</li>
 *   <li>{@code pii:national_id} — US social security numbers ({@code 123-45-6789} or space-separated; area 000, 666
 *       and 900–999, group 00 and serial 0000 are never issued and are not matched) and UK National Insurance numbers
 *       ({@code QQ 12 34 56 C}: invalid first letters D F I Q U V, second letters D F I O Q U V, and the prefixes
 *       BG GB KN NK NT TN ZZ excluded). No other countries' identifiers are detected yet;</li>
 *   <li>{@code pii:secret} — AWS access key ids ({@code AKIA…}/{@code ASIA…}), OpenAI/Anthropic-style {@code sk-…} keys,
 *       GitHub tokens ({@code ghp_ gho_ ghu_ ghs_ ghr_}, {@code github_pat_}), Slack tokens ({@code xox[abprs]-}),
 *       PEM private key headers, and {@code api_key=…}/{@code secret: …}/{@code token=…}/{@code password=…}
 *       assignments whose value looks random (at least 12 chars, Shannon entropy ≥ 3 bits per char, with a digit or
 *       mixed case, so {@code YOUR_API_KEY_HERE} placeholders pass); for assignments only the value is the span;</li>
 *   <li>{@code pii:ip_address} — dotted IPv4 addresses.</li>
 * </ul>
 */
public final class PiiDetectors {
    /** A detector: where to look, which capture group is the span (0: the whole match), and which matches are real. */
    record Detector(Pattern pattern, int group, Predicate<String> valid) {
        Detector(Pattern pattern, Predicate<String> valid) {
            this(pattern, 0, valid);
        }
    }

    private static final Map<String, List<Detector>> DETECTORS = Map.of(
            "pii:email", List.of(new Detector(Pattern.compile(
                    "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){0,8}\\.[A-Za-z]{2,24}\\b"),
                    s -> true)),
            "pii:phone", List.of(
                    new Detector(Pattern.compile("(?<![\\w+])\\+\\d{1,3}[\\s.-]?(?:\\(\\d{1,4}\\)[\\s.-]?)?\\d{2,4}(?:[\\s.-]?\\d{2,4}){1,4}\\b"),
                            s -> digits(s).length() >= 9 && digits(s).length() <= 15),
                    new Detector(Pattern.compile("(?<![\\w+])\\(?\\d{3}\\)?[\\s.-]\\d{3}[\\s.-]\\d{4}\\b"), s -> true)),
            // card matches are refined by cardWithin(): validated there, so the predicate here accepts all
            "pii:payment_card", List.of(new Detector(Pattern.compile("(?<![\\d-])(?:\\d[ -]?){12,30}\\d(?![\\d-])"),
                    s -> true)),
            "pii:iban", List.of(new Detector(Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}\\b"),
                    PiiDetectors::ibanValid)),
            "pii:national_id", List.of(
                    new Detector(Pattern.compile(
                            "(?<![\\d-])(?!000|666|9\\d\\d)\\d{3}([- ])(?!00)\\d{2}\\1(?!0000)\\d{4}(?![\\d-])"), s -> true),
                    new Detector(Pattern.compile(
                            "\\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]\\b"),
                            s -> true)),
            "pii:secret", List.of(
                    new Detector(Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"), s -> true),
                    new Detector(Pattern.compile("\\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,200}"), s -> true),
                    new Detector(Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36,255}\\b"), s -> true),
                    new Detector(Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{22,255}\\b"), s -> true),
                    new Detector(Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,200}"), s -> true),
                    new Detector(Pattern.compile("-----BEGIN (?:RSA |EC |OPENSSH |DSA |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----"),
                            s -> true),
                    new Detector(Pattern.compile(
                            "(?i)\\b(?:api[_-]?key|secret(?:[_-]?key)?|client[_-]?secret|access[_-]?token|auth[_-]?token|token|password|passwd)"
                                    + "[\"']?\\s*[:=]\\s*[\"']?([A-Za-z0-9_\\-/+.]{12,200})"),
                            1, PiiDetectors::looksRandom)),
            "pii:ip_address", List.of(new Detector(Pattern.compile(
                    "\\b(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\b"), s -> true)));

    /** Names policies may use under {@code builtin:}. */
    public static final Set<String> NAMES = Set.copyOf(new java.util.TreeSet<>(DETECTORS.keySet()));

    private PiiDetectors() {
    }

    static List<Detector> detectors(String name) {
        List<Detector> d = DETECTORS.get(name);
        if (d == null) {
            throw new IllegalArgumentException("unknown detector '" + name + "', known: " + new java.util.TreeSet<>(NAMES));
        }
        return d;
    }

    /**
     * Cheap necessary conditions per detector, checked on the plain text before any regex runs: an e-mail needs an
     * {@code @}, numbers need enough digits, secrets need one of their fixed prefixes or key words.
     */
    private static final Map<String, Predicate<String>> WORTH_SCANNING = Map.of(
            "pii:email", t -> t.indexOf('@') >= 0,
            "pii:phone", t -> digitCount(t) >= 9,
            "pii:payment_card", t -> digitCount(t) >= 13,
            "pii:iban", t -> digitCount(t) >= 4,
            "pii:national_id", t -> digitCount(t) >= 6,
            "pii:secret", PiiDetectors::mayHoldSecret,
            "pii:ip_address", t -> t.indexOf('.') >= 0 && digitCount(t) >= 4);

    private static boolean mayHoldSecret(String t) {
        if (t.contains("AKIA") || t.contains("ASIA") || t.contains("sk-") || t.contains("gh") || t.contains("xox")
                || t.contains("-----BEGIN")) {
            return true;
        }
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("key") || lower.contains("secret") || lower.contains("token") || lower.contains("passw");
    }

    private static int digitCount(String t) {
        int n = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                n++;
            }
        }
        return n;
    }

    /**
     * Finds the matches of one builtin detector in {@code text} (which may be a budgeted sequence) and reports each as
     * a half-open range of {@code text}.
     *
     * @throws IllegalArgumentException when {@code name} is not one of {@link #NAMES}
     */
    public static void find(String name, CharSequence text, MatchSink sink) {
        List<Detector> detectors = detectors(name);
        if (!WORTH_SCANNING.get(name).test(text.toString())) {
            return;
        }
        boolean card = name.equals("pii:payment_card");
        for (Detector d : detectors) {
            Matcher m = d.pattern().matcher(text);
            while (m.find()) {
                if (card) {
                    int[] within = cardWithin(m.group(), m.start());
                    if (within != null) {
                        sink.match(within[0], within[1]);
                    }
                } else if (d.valid().test(m.group(d.group()))) {
                    sink.match(m.start(d.group()), m.end(d.group()));
                }
            }
        }
    }

    /** Receives matches as half-open ranges. */
    public interface MatchSink {
        void match(int start, int end);
    }

    static String digits(String s) {
        StringBuilder d = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                d.append(s.charAt(i));
            }
        }
        return d.toString();
    }

    /**
     * The longest run of whole digit groups inside a candidate ({@code 12 4111 1111 1111 1111}) with 13–19 digits that
     * passes the Luhn check, as absolute offsets, or null.
     */
    static int[] cardWithin(String candidate, int offset) {
        List<int[]> groups = new java.util.ArrayList<>();
        int i = 0;
        while (i < candidate.length()) {
            if (Character.isDigit(candidate.charAt(i))) {
                int j = i;
                while (j < candidate.length() && Character.isDigit(candidate.charAt(j))) {
                    j++;
                }
                groups.add(new int[] {i, j});
                i = j;
            } else {
                i++;
            }
        }
        int[] best = null;
        for (int a = 0; a < groups.size(); a++) {
            int count = 0;
            for (int b = a; b < groups.size(); b++) {
                count += groups.get(b)[1] - groups.get(b)[0];
                if (count > 19) {
                    break;
                }
                if (count >= 13) {
                    int start = groups.get(a)[0];
                    int end = groups.get(b)[1];
                    if ((best == null || end - start > best[1] - best[0]) && luhn(digits(candidate.substring(start, end)))) {
                        best = new int[] {start, end};
                    }
                }
            }
        }
        return best == null ? null : new int[] {offset + best[0], offset + best[1]};
    }

    /** A secret-looking assignment value: long, varied (entropy at least 3 bits per char), with a digit or mixed case. */
    static boolean looksRandom(String value) {
        if (value.length() < 12) {
            return false;
        }
        boolean digit = false;
        boolean lower = false;
        boolean upper = false;
        Map<Character, Integer> counts = new java.util.HashMap<>();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            digit |= Character.isDigit(c);
            lower |= Character.isLowerCase(c);
            upper |= Character.isUpperCase(c);
            counts.merge(c, 1, Integer::sum);
        }
        double entropy = 0;
        for (int n : counts.values()) {
            double p = (double) n / value.length();
            entropy -= p * Math.log(p) / Math.log(2);
        }
        return entropy >= 3.0 && (digit || lower && upper);
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int n = digits.charAt(i) - '0';
            if (twice) {
                n *= 2;
                if (n > 9) {
                    n -= 9;
                }
            }
            sum += n;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    static boolean ibanValid(String raw) {
        String iban = raw.replace(" ", "");
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder numeric = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            if (Character.isDigit(c)) {
                numeric.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                numeric.append(c - 'A' + 10);
            } else {
                return false;
            }
        }
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }
}
