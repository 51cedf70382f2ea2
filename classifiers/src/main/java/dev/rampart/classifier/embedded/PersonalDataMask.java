package dev.rampart.classifier.embedded;

import dev.rampart.classifier.pattern.PiiDetectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replaces personal and secret data (the {@code pii:*} detectors' matches) with placeholders before the safety model
 * reads a text: "[card number]" instead of sixteen digits. Personal data is the {@code pii} category's business
 * (located and redacted by the pattern classifier); the model judges what the text asks or says, and raw digits,
 * keys and addresses only confuse it. Used identically in training and at run time.
 */
public final class PersonalDataMask {
    private static final Map<String, String> PLACEHOLDERS = Map.of(
            "pii:email", "[email address]",
            "pii:phone", "[phone number]",
            "pii:payment_card", "[card number]",
            "pii:iban", "[bank account]",
            "pii:national_id", "[id number]",
            "pii:secret", "[secret]",
            "pii:ip_address", "[ip address]");

    private PersonalDataMask() {
    }

    public static String mask(String text) {
        List<String> names = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        for (String name : PiiDetectors.NAMES) {
            if (PLACEHOLDERS.containsKey(name)) {
                PiiDetectors.find(name, text, (start, end) -> {
                    spans.add(new int[] {start, end});
                    names.add(PLACEHOLDERS.get(name));
                });
            }
        }
        if (spans.isEmpty()) {
            return text;
        }
        Integer[] order = new Integer[spans.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> spans.get(a)[0] != spans.get(b)[0]
                ? Integer.compare(spans.get(a)[0], spans.get(b)[0]) : Integer.compare(spans.get(b)[1], spans.get(a)[1]));
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (int i : order) {
            int[] s = spans.get(i);
            if (s[0] < at) {
                continue; // inside a span already replaced
            }
            out.append(text, at, s[0]).append(names.get(i));
            at = s[1];
        }
        return out.append(text, at, text.length()).toString();
    }
}
