package dev.rampart.gateway.stream;

/**
 * How streamed completions are moderated.
 *
 * @param mode            {@code HOLD}: text reaches the client only after the window containing it passed;
 *                        {@code ASYNC}: text is released at once and checked right behind it
 * @param windowChars     characters of completion text each check sees (including the overlap)
 * @param overlapChars    characters of already-checked text repeated at the start of the next window, so unsafe text
 *                        split across a window boundary is still seen whole
 * @param maxHoldbackChars hold mode: at most this many unchecked characters are held before a check runs;
 *                        async mode: at most twice this many unchecked characters are released before the stream
 *                        waits for the pending check — the bound on what a violation can leak
 * @param annotations     emit Azure-style {@code content_filter_results} and {@code content_filter_offsets} events after
 *                        each checked window and in the final {@code content_filter} chunk
 */
public record StreamModeration(Mode mode, int windowChars, int overlapChars, int maxHoldbackChars,
                               boolean annotations) {
    public enum Mode { HOLD, ASYNC }

    public StreamModeration {
        if (windowChars < 16) {
            throw new IllegalArgumentException("windowChars must be at least 16, but was " + windowChars);
        }
        if (overlapChars < 0 || overlapChars >= windowChars) {
            throw new IllegalArgumentException("overlapChars must be between 0 and windowChars - 1, but was " + overlapChars);
        }
        if (maxHoldbackChars < 1) {
            throw new IllegalArgumentException("maxHoldbackChars must be positive, but was " + maxHoldbackChars);
        }
    }

    /** Unchecked characters that trigger a check. */
    public int step() {
        return Math.min(windowChars - overlapChars, maxHoldbackChars);
    }

    public static final StreamModeration DEFAULT = new StreamModeration(Mode.HOLD, 400, 100, 200, false);
}
