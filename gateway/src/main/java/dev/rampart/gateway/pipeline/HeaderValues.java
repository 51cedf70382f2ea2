package dev.rampart.gateway.pipeline;

/** Checks of header values the gateway passes on or logs: bounded, ASCII letters and digits plus chosen punctuation. */
final class HeaderValues {
    private HeaderValues() {
    }

    /** Whether {@code value} is 1 to {@code maxLength} characters of {@code [A-Za-z0-9]} and {@code punctuation}. */
    static boolean plain(String value, int maxLength, String punctuation) {
        if (value == null || value.isEmpty() || value.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || punctuation.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }
}
