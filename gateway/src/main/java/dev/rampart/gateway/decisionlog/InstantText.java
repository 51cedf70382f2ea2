package dev.rampart.gateway.decisionlog;

import java.time.Instant;

/**
 * {@link Instant#toString()}'s text (ISO-8601, UTC, the fraction in groups of three digits as needed) without a
 * {@code DateTimeFormatter} per call: the date and time up to the second is kept for the last second seen, since a
 * log writes many records per second.
 */
final class InstantText {
    private record Second(long epochSecond, String text) {
    }

    private static volatile Second last = new Second(Long.MIN_VALUE, "");

    private InstantText() {
    }

    static String format(Instant time) {
        long second = time.getEpochSecond();
        if (second < 0 || second >= 253_402_300_800L) { // before 1970 or after 9999: rare, take the JDK's text
            return time.toString();
        }
        Second cached = last;
        if (cached.epochSecond() != second) {
            String text = Instant.ofEpochSecond(second).toString(); // "yyyy-MM-ddTHH:mm:ssZ"
            cached = new Second(second, text.substring(0, text.length() - 1));
            last = cached;
        }
        int nano = time.getNano();
        StringBuilder out = new StringBuilder(cached.text().length() + 11).append(cached.text());
        if (nano != 0) {
            out.append('.');
            if (nano % 1_000_000 == 0) {
                pad(out, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                pad(out, nano / 1_000, 6);
            } else {
                pad(out, nano, 9);
            }
        }
        return out.append('Z').toString();
    }

    private static void pad(StringBuilder out, int value, int digits) {
        String text = Integer.toString(value);
        for (int i = text.length(); i < digits; i++) {
            out.append('0');
        }
        out.append(text);
    }
}
