package dev.rampart.gateway.stream;

/**
 * How streamed completions are moderated.
 *
 * @param mode            {@code HOLD}: text reaches the client only after the window containing it passed;
 *                        {@code ASYNC}: text is released at once and checked right behind it
 * @param window          completion text each check sees (including the overlap), in {@code unit}s
 * @param overlap         already-checked text repeated at the start of the next window, so unsafe text split across a
 *                        window boundary is still seen whole
 * @param maxHoldback     hold mode: at most this much unchecked text is held before a check runs; async mode: at most
 *                        twice this much unchecked text is released before the stream waits for the pending check —
 *                        the bound on what a violation can leak
 * @param annotations     emit Azure-style {@code content_filter_results} and {@code content_filter_offsets} events after
 *                        each checked window and in the final {@code content_filter} chunk
 * @param unit            {@code CHARS}, or {@code TOKENS}: the upstream's streamed text deltas (OpenAI-compatible
 *                        servers stream one token per delta)
 */
public record StreamModeration(Mode mode, int window, int overlap, int maxHoldback, boolean annotations, Unit unit) {
    public enum Mode { HOLD, ASYNC }

    public enum Unit { CHARS, TOKENS }

    /** Characters per token where a text arrives whole (non-streamed completions) and token sizes must be converted. */
    public static final int CHARS_PER_TOKEN = 4;

    public StreamModeration {
        if (window < (unit == Unit.TOKENS ? 4 : 16)) {
            throw new IllegalArgumentException("window must be at least 16 characters or 4 tokens, but was " + window);
        }
        if (overlap < 0 || overlap >= window) {
            throw new IllegalArgumentException("overlap must be between 0 and window - 1, but was " + overlap);
        }
        if (maxHoldback < 1) {
            throw new IllegalArgumentException("maxHoldback must be positive, but was " + maxHoldback);
        }
    }

    public StreamModeration(Mode mode, int windowChars, int overlapChars, int maxHoldbackChars, boolean annotations) {
        this(mode, windowChars, overlapChars, maxHoldbackChars, annotations, Unit.CHARS);
    }

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

    public static final StreamModeration DEFAULT = new StreamModeration(Mode.HOLD, 400, 100, 200, false);
}
