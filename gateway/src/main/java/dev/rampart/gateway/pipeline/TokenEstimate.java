package dev.rampart.gateway.pipeline;

/**
 * How many tokens a text is, where no upstream counted them: a quarter of its UTF-8 bytes, rounded up — OpenAI's rule
 * of thumb of about four characters per token for English text, counted in bytes so that scripts which take more
 * tokens per character (CJK, Cyrillic, emoji) are not undercounted. An estimate for budgets, never a bill: a stream
 * that reports its own usage is charged that instead ({@link StreamedTokens}).
 */
final class TokenEstimate {
    static final int BYTES_PER_TOKEN = 4;

    private TokenEstimate() {
    }

    /** The estimated tokens of {@code bytes} UTF-8 bytes of text. */
    static long ofBytes(long bytes) {
        return (bytes + BYTES_PER_TOKEN - 1) / BYTES_PER_TOKEN;
    }

    /** The length of a text in UTF-8, without encoding it. */
    static long utf8Bytes(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isSurrogate(c)) {
                bytes += 2;                                  // each half of a pair: 4 bytes for the code point
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
