package dev.rampart.classifier.pattern;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Built-in detectors of personal and secret data, named {@code pii:*} in policies. Each is a bounded regular
 * expression plus, where the format has one, a checksum (Luhn for payment cards, mod-97 for IBANs, range rules for
 * US social security numbers), so random digit runs are not redacted.
 */
public final class PiiDetectors {
    /** A detector: where to look, and which matches are real. */
    record Detector(Pattern pattern, Predicate<String> valid) {
    }

    private static final Map<String, List<Detector>> DETECTORS = Map.of(
            "pii:email", List.of(new Detector(Pattern.compile(
                    "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){0,8}\\.[A-Za-z]{2,24}\\b"),
                    s -> true)),
            "pii:phone", List.of(
                    new Detector(Pattern.compile("(?<![\\w+])\\+\\d{1,3}[\\s.-]?(?:\\(\\d{1,4}\\)[\\s.-]?)?\\d{2,4}(?:[\\s.-]?\\d{2,4}){1,4}\\b"),
                            s -> digits(s).length() >= 9 && digits(s).length() <= 15),
                    new Detector(Pattern.compile("(?<![\\w+])\\(?\\d{3}\\)?[\\s.-]\\d{3}[\\s.-]\\d{4}\\b"), s -> true)),
            "pii:payment_card", List.of(new Detector(Pattern.compile("(?<!\\d)(?:\\d[ -]?){12,18}\\d(?!\\d)"),
                    s -> {
                        String d = digits(s);
                        return d.length() >= 13 && d.length() <= 19 && luhn(d);
                    })),
            "pii:iban", List.of(new Detector(Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}\\b"),
                    PiiDetectors::ibanValid)),
            "pii:national_id", List.of(new Detector(Pattern.compile(
                    "(?<!\\d)(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?!\\d)"), s -> true)),
            "pii:secret", List.of(
                    new Detector(Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"), s -> true),
                    new Detector(Pattern.compile("\\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,200}"), s -> true),
                    new Detector(Pattern.compile("\\bgh[pousr]_[A-Za-z0-9]{36,255}\\b"), s -> true),
                    new Detector(Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,200}"), s -> true),
                    new Detector(Pattern.compile("-----BEGIN (?:RSA |EC |OPENSSH |DSA |ENCRYPTED )?PRIVATE KEY-----"), s -> true),
                    new Detector(Pattern.compile(
                            "(?i)\\b(?:api[_-]?key|secret|access[_-]?token|auth[_-]?token|password|passwd)\\s*[:=]\\s*['\"]?[A-Za-z0-9_\\-/+.]{12,200}"),
                            s -> true)),
            "pii:ip_address", List.of(new Detector(Pattern.compile(
                    "\\b(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\b"), s -> true)));

    /** Names policies may use under {@code builtin:}. */
    public static final Set<String> NAMES = DETECTORS.keySet();

    private PiiDetectors() {
    }

    static List<Detector> detectors(String name) {
        List<Detector> d = DETECTORS.get(name);
        if (d == null) {
            throw new IllegalArgumentException("unknown detector '" + name + "', known: " + NAMES);
        }
        return d;
    }

    /**
     * Cheap necessary conditions per detector, checked on the plain text before any regex runs: an e-mail needs an
     * {@code @}, numbers need enough digits, secrets need one of their fixed prefixes.
     */
    private static final Map<String, Predicate<String>> WORTH_SCANNING = Map.of(
            "pii:email", t -> t.indexOf('@') >= 0,
            "pii:phone", t -> digitCount(t) >= 9,
            "pii:payment_card", t -> digitCount(t) >= 13,
            "pii:iban", t -> digitCount(t) >= 4,
            "pii:national_id", t -> t.indexOf('-') >= 0 && digitCount(t) >= 9,
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

    /** Finds the matches of one detector; {@code text} may be a budgeted sequence. */
    static void find(String name, CharSequence text, MatchSink sink) {
        if (!WORTH_SCANNING.get(name).test(text.toString())) {
            return;
        }
        for (Detector d : detectors(name)) {
            Matcher m = d.pattern().matcher(text);
            while (m.find()) {
                if (d.valid().test(m.group())) {
                    sink.match(m.start(), m.end());
                }
            }
        }
    }

    interface MatchSink {
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
