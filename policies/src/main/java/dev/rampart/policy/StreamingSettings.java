package dev.rampart.policy;

/**
 * How streamed completions are moderated (see the gateway's stream guard).
 *
 * @param mode             {@code hold} (text released only after its window passed) or {@code async}
 * @param windowChars      characters each check sees
 * @param overlapChars     characters repeated from the previous window
 * @param maxHoldbackChars unchecked characters held (hold) or released (async, times two) before a check
 * @param annotations      add Azure-style {@code content_filter_results} / {@code content_filter_offsets} events
 */
public record StreamingSettings(Mode mode, int windowChars, int overlapChars, int maxHoldbackChars,
                                boolean annotations) {
    public enum Mode { HOLD, ASYNC }

    public static final StreamingSettings DEFAULT = new StreamingSettings(Mode.HOLD, 400, 100, 200, false);
}
