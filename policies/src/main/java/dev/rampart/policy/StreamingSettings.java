package dev.rampart.policy;

/**
 * How streamed completions are moderated (see the gateway's stream guard).
 *
 * @param mode        {@code hold} (text released only after its window passed) or {@code async}
 * @param window      what each check sees, in {@code unit}s
 * @param overlap     how much of the previous window each check repeats, in {@code unit}s
 * @param maxHoldback unchecked text held (hold) or released (async, times two) before a check, in {@code unit}s
 * @param annotations add Azure-style {@code content_filter_results} / {@code content_filter_offsets} events
 * @param unit        {@code chars}, or {@code tokens}: the upstream's streamed text deltas (one token each for
 *                    OpenAI-compatible servers); non-streamed texts count 4 characters per token
 */
public record StreamingSettings(Mode mode, int window, int overlap, int maxHoldback, boolean annotations, Unit unit) {
    public enum Mode { HOLD, ASYNC }

    public enum Unit { CHARS, TOKENS }

    public static final StreamingSettings DEFAULT = new StreamingSettings(Mode.HOLD, 400, 100, 200, false, Unit.CHARS);

    /** The token-unit defaults: 100-token windows overlapping by 25, at most 50 unchecked tokens. */
    public static final StreamingSettings TOKEN_DEFAULT = new StreamingSettings(Mode.HOLD, 100, 25, 50, false, Unit.TOKENS);

    /** Characters per token where a text arrives whole (non-streamed completions) and token sizes must be converted. */
    public static final int CHARS_PER_TOKEN = 4;

    /** Unchecked text (in units) that triggers a check. */
    public int step() {
        return Math.min(window - overlap, maxHoldback);
    }

    /** The window in characters, for texts that arrive whole. */
    public int windowChars() {
        return unit == Unit.TOKENS ? window * CHARS_PER_TOKEN : window;
    }

    /** The overlap in characters, for texts that arrive whole. */
    public int overlapChars() {
        return unit == Unit.TOKENS ? overlap * CHARS_PER_TOKEN : overlap;
    }
}
