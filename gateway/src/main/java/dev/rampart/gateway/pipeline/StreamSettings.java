package dev.rampart.gateway.pipeline;

import dev.rampart.gateway.stream.StreamModeration;
import dev.rampart.policy.Policy;
import dev.rampart.policy.StreamingSettings;
import java.util.Locale;

/** Reads a policy's {@code streaming:} settings into the gateway's stream moderation settings. */
final class StreamSettings {
    private StreamSettings() {
    }

    static StreamModeration of(Policy policy) {
        StreamingSettings s = policy.streaming();
        StreamModeration.Mode mode = "async".equals(String.valueOf(s.mode()).toLowerCase(Locale.ROOT))
                ? StreamModeration.Mode.ASYNC : StreamModeration.Mode.HOLD;
        StreamModeration.Unit unit = s.unit() == StreamingSettings.Unit.TOKENS
                ? StreamModeration.Unit.TOKENS : StreamModeration.Unit.CHARS;
        return new StreamModeration(mode, s.window(), s.overlap(), s.maxHoldback(), s.annotations(), unit);
    }
}
