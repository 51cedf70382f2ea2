package dev.rampart.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.policy.Decision;
import dev.rampart.policy.StreamingSettings;
import dev.rampart.policy.Direction;
import dev.rampart.policy.Span;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The windowing and release rules of the stream guard, with a deterministic check function. */
class WindowedStreamGuardTest {
    private static final StreamingSettings HOLD = new StreamingSettings(StreamingSettings.Mode.HOLD, 40, 10, 20, false, StreamingSettings.Unit.CHARS);
    private static final StreamingSettings ASYNC = new StreamingSettings(StreamingSettings.Mode.ASYNC, 40, 10, 20, false, StreamingSettings.Unit.CHARS);

    private final List<String> windowsChecked = new ArrayList<>();

    /** Blocks any window containing "bomb", redacts "secret", allows the rest. */
    private final Function<String, Future<Decision>> check = window -> {
        windowsChecked.add(window);
        if (window.contains("bomb")) {
            return Future.succeededFuture(new Decision.Block("r1", Direction.COMPLETION, List.of(), false, "no"));
        }
        int at = window.indexOf("secret");
        if (at >= 0) {
            return Future.succeededFuture(new Decision.Redact("r1", Direction.COMPLETION, List.of(), false,
                    List.of(new Span(at, at + 6, "pii")), "[X]"));
        }
        return Future.succeededFuture(new Decision.Allow("r1", Direction.COMPLETION, List.of(), false));
    };

    private static SseEvent chunk(String text) {
        return SseEvent.ofData("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}");
    }

    private static String released(List<SseEvent> events) {
        StringBuilder sb = new StringBuilder();
        for (SseEvent e : events) {
            String data = e.data();
            int i = data.indexOf("\"content\":\"");
            if (i >= 0) {
                sb.append(data, i + 11, data.indexOf('"', i + 11));
            }
        }
        return sb.toString();
    }

    private List<SseEvent> feed(WindowedStreamGuard guard, String text) {
        List<SseEvent> out = new ArrayList<>();
        for (char c : text.toCharArray()) {
            StreamGuard.Verdict v = guard.onEvent(chunk(String.valueOf(c))).result();
            out.addAll(v.release());
            if (v.stop()) {
                out.add(SseEvent.ofData("STOPPED"));
                return out;
            }
        }
        out.addAll(guard.onEnd().result());
        return out;
    }

    @Test
    void should_hold_text_until_its_window_passed_and_never_more_than_the_holdback() {
        WindowedStreamGuard guard = new WindowedStreamGuard(HOLD, check);
        List<SseEvent> first = new ArrayList<>();
        for (char c : "0123456789012345678".toCharArray()) {
            first.addAll(guard.onEvent(chunk(String.valueOf(c))).result().release());
        }
        assertThat(first).isEmpty(); // 19 unchecked characters: still held
        List<SseEvent> atStep = guard.onEvent(chunk("9")).result().release();
        assertThat(released(atStep)).isEqualTo("01234567890123456789");
    }

    @Test
    void should_overlap_windows_so_a_phrase_across_the_boundary_is_seen_whole() {
        WindowedStreamGuard guard = new WindowedStreamGuard(HOLD, check);
        List<SseEvent> out = feed(guard, "x".repeat(17) + "bo" + "mb and more text after the phrase");
        assertThat(out.get(out.size() - 1).data()).isEqualTo("STOPPED");
        assertThat(windowsChecked).anyMatch(w -> w.contains("bomb"));
        assertThat(released(out)).doesNotContain("bomb");
        assertThat(out.get(out.size() - 3).data()).contains("\"finish_reason\":\"content_filter\"");
        assertThat(out.get(out.size() - 2)).isEqualTo(SseEvent.DONE);
    }

    @Test
    void should_redact_held_text_before_release() {
        WindowedStreamGuard guard = new WindowedStreamGuard(HOLD, check);
        List<SseEvent> out = feed(guard, "my secret is safe");
        assertThat(released(out)).isEqualTo("my [X] is safe");
        assertThat(guard.decision()).isEqualTo("redact");
    }

    @Test
    void should_release_at_once_in_async_mode_and_stop_within_twice_the_holdback() {
        WindowedStreamGuard guard = new WindowedStreamGuard(ASYNC, check);
        List<SseEvent> out = feed(guard, "hello " + "bomb" + " and then a long tail of text that should be cut off");
        assertThat(released(out)).startsWith("hello bomb");
        int leaked = released(out).length();
        assertThat(leaked).isLessThanOrEqualTo("hello bomb".length() + 2 * ASYNC.maxHoldback());
        assertThat(out.get(out.size() - 1).data()).isEqualTo("STOPPED");
    }

    @Test
    void should_check_what_is_left_when_the_stream_ends() {
        WindowedStreamGuard guard = new WindowedStreamGuard(HOLD, check);
        List<SseEvent> out = feed(guard, "short bomb");
        assertThat(released(out)).isEmpty();
        assertThat(out).anyMatch(e -> e.data().contains("content_filter"));
    }

    @Test
    void should_pass_role_only_chunks_through_without_waiting() {
        WindowedStreamGuard guard = new WindowedStreamGuard(HOLD, check);
        SseEvent role = SseEvent.ofData("{\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}");
        assertThat(guard.onEvent(role).result().release()).containsExactly(role);
    }

    @Test
    void should_annotate_checked_windows_and_the_block_azure_style_when_asked() {
        WindowedStreamGuard guard = new WindowedStreamGuard(
                new StreamingSettings(StreamingSettings.Mode.HOLD, 40, 10, 20, true, StreamingSettings.Unit.CHARS), window -> {
                    windowsChecked.add(window);
                    var finding = new dev.rampart.policy.CategoryFinding("S9", dev.rampart.policy.Action.BLOCK,
                            window.contains("bomb"), window.contains("bomb") ? 1.0 : 0.0, 0.4, 0, "patterns", false, false);
                    return Future.succeededFuture(window.contains("bomb")
                            ? new Decision.Block("r1", Direction.COMPLETION, List.of(finding), false, "no")
                            : new Decision.Allow("r1", Direction.COMPLETION, List.of(finding), false));
                });
        List<SseEvent> out = feed(guard, "a calm sentence about the sea. and then a bomb appears here");
        assertThat(out).anyMatch(e -> e.data().contains("\"content_filter_results\":{\"S9\":{\"filtered\":false")
                && e.data().contains("\"content_filter_offsets\":{\"check_offset\":0,\"start_offset\":0,\"end_offset\":20}"));
        SseEvent last = out.stream().filter(e -> e.data().contains("\"finish_reason\":\"content_filter\"")).findFirst()
                .orElseThrow();
        assertThat(last.data()).contains("\"S9\":{\"filtered\":true,\"detected\":true,\"score\":1.0}");
    }

    private static final StreamingSettings TOKENS = new StreamingSettings(StreamingSettings.Mode.HOLD, 6, 2, 3, false,
            StreamingSettings.Unit.TOKENS);

    private List<SseEvent> feedTokens(WindowedStreamGuard guard, String... tokens) {
        List<SseEvent> out = new ArrayList<>();
        for (String t : tokens) {
            StreamGuard.Verdict v = guard.onEvent(chunk(t)).result();
            out.addAll(v.release());
            if (v.stop()) {
                out.add(SseEvent.ofData("STOPPED"));
                return out;
            }
        }
        out.addAll(guard.onEnd().result());
        return out;
    }

    @Test
    void should_measure_windows_and_holdback_in_streamed_tokens_when_configured() {
        WindowedStreamGuard guard = new WindowedStreamGuard(TOKENS, check);
        List<SseEvent> first = new ArrayList<>();
        for (String t : new String[] {"Once", " upon"}) {
            first.addAll(guard.onEvent(chunk(t)).result().release());
        }
        assertThat(first).isEmpty(); // 2 unchecked tokens: still held (hold-back 3)
        assertThat(released(guard.onEvent(chunk(" a")).result().release())).isEqualTo("Once upon a");
        feedTokens(guard, " time", " there", " lived", " a", " very", " long", " winded", " storyteller");
        // each check sees the last 6 tokens (at least the 2 already-checked tokens before the new ones)
        assertThat(windowsChecked).first().isEqualTo("Once upon a");
        assertThat(windowsChecked.get(1)).isEqualTo("Once upon a time there lived");
        assertThat(windowsChecked.get(2)).isEqualTo(" time there lived a very long");
        assertThat(windowsChecked).allMatch(w -> w.split("(?= )").length <= 6);
    }

    @Test
    void should_catch_unsafe_text_split_across_token_windows() {
        List<SseEvent> out = feedTokens(new WindowedStreamGuard(TOKENS, check),
                "here", " is", " how", " to", " make", " a", " bo", "mb", " at", " home");
        assertThat(out).last().satisfies(e -> assertThat(e.data()).isEqualTo("STOPPED"));
        assertThat(released(out)).doesNotContain("bo");
    }
}
