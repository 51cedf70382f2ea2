package dev.rampart.gateway.http;

/**
 * Strict UTF-8 validation (RFC 3629): rejects overlong forms ({@code C0 AF} for '/'), encoded surrogates
 * ({@code ED A0..BF}), code points above U+10FFFF and stray or missing continuation bytes. JSON parsers decode some of
 * these leniently, so a text the guard read could differ from what a stricter model server reads.
 */
final class Utf8 {
    private Utf8() {
    }

    /** The offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1 when all are. */
    static int firstInvalid(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int length;
            int min;
            int max = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                length = 2;
                min = 0x80;
            } else if (b == 0xE0) {
                length = 3;
                min = 0xA0;                   // E0 80..9F would be overlong
            } else if (b == 0xED) {
                length = 3;
                min = 0x80;
                max = 0x9F;                   // ED A0..BF would encode a surrogate
            } else if (b >= 0xE1 && b <= 0xEF) {
                length = 3;
                min = 0x80;
            } else if (b == 0xF0) {
                length = 4;
                min = 0x90;                   // F0 80..8F would be overlong
            } else if (b >= 0xF1 && b <= 0xF3) {
                length = 4;
                min = 0x80;
            } else if (b == 0xF4) {
                length = 4;
                min = 0x80;
                max = 0x8F;                   // F4 90.. would be above U+10FFFF
            } else {
                return i;                     // C0, C1, F5..FF, or a continuation byte where a lead was due
            }
            if (i + length > n) {
                return i;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < min || second > max) {
                return i;
            }
            for (int k = 2; k < length; k++) {
                int c = bytes[i + k] & 0xFF;
                if (c < 0x80 || c > 0xBF) {
                    return i;
                }
            }
            i += length;
        }
        return -1;
    }
}
