package dev.rampart.gateway.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.http.ApiFault;
import dev.rampart.gateway.http.ApiError;
import dev.rampart.policy.Action;
import dev.rampart.policy.Decision;
import dev.rampart.policy.StreamingSettings;
import dev.rampart.policy.Span;
import io.vertx.core.Future;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Moderates a streamed completion incrementally over a sliding window of each choice's text (content and
 * tool-call arguments), so unsafe text split across chunks — even one character per event — is caught.
 * <ul>
 *   <li>{@code HOLD}: events carrying text are held until the window containing their text passed the completion
 *       guard; at most {@link StreamingSettings#maxHoldback()} unchecked characters (or tokens) are held.</li>
 *   <li>{@code ASYNC}: events are released at once and checked right behind; at most twice the hold-back of
 *       unchecked text is ever released before the stream waits for the pending check.</li>
 * </ul>
 * Where an event's text is, and what the gateway writes itself, is the stream's {@link StreamFormat}: each "choice"
 * here is a chat choice, or a Responses API output item. On a block, nothing more of the upstream reaches the client:
 * the stream ends with the format's stop events (a chunk carrying {@code finish_reason: "content_filter"} for every
 * choice, then {@code [DONE]}; or {@code response.incomplete}). A {@code redact} rewrites the held text before
 * release. An event that is not JSON ends the stream with an error (it cannot be checked).
 */
public final class WindowedStreamGuard implements StreamGuard {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StreamingSettings settings;
    private final Function<String, Future<Decision>> check;
    private final Map<Integer, ChoiceText> choices = new TreeMap<>();
    private final List<Held> held = new ArrayList<>();
    private Decision strictest;
    private Decision.Block block;
    private int blockedChoice;
    private final List<SseEvent> annotations = new ArrayList<>();
    private int violationOffset = -1;
    private Future<Void> pending;
    private final StreamFormat format;

    /** A guard over chat completion (or text completion) chunks. */
    public WindowedStreamGuard(StreamingSettings settings, Function<String, Future<Decision>> check) {
        this(settings, check, new ChatStreamFormat());
    }

    public WindowedStreamGuard(StreamingSettings settings, Function<String, Future<Decision>> check, StreamFormat format) {
        this.settings = settings;
        this.check = check;
        this.format = format;
    }

    private static final class ChoiceText {
        final StringBuilder text = new StringBuilder();
        /** Where each streamed text delta ends: the token boundaries when the unit is tokens. */
        final List<Integer> deltaEnds = new ArrayList<>();
        int checkedUpTo;
    }

    /** Text after character {@code from}, in the configured unit. */
    private int unitsAfter(ChoiceText c, int from) {
        if (settings.unit() == StreamingSettings.Unit.CHARS) {
            return c.text.length() - from;
        }
        int n = 0;
        for (int i = c.deltaEnds.size() - 1; i >= 0 && c.deltaEnds.get(i) > from; i--) {
            n++;
        }
        return n;
    }

    /** The character position {@code units} before character {@code from} (never before 0). */
    private int back(ChoiceText c, int from, int units) {
        if (settings.unit() == StreamingSettings.Unit.CHARS) {
            return Math.max(0, from - units);
        }
        int i = c.deltaEnds.size() - 1;
        while (i >= 0 && c.deltaEnds.get(i) > from) {
            i--;
        }
        // deltaEnds[i] <= from: step back `units` whole deltas from there
        int at = i - units;
        return at < 0 ? 0 : c.deltaEnds.get(at);
    }

    /** A piece of a choice's text inside one event, with where it came from so a redaction can rewrite it. */
    private record Piece(int choice, int start, int end, ObjectNode logprobsOwner, JsonNode container, String field,
                         int index) {
        String text() {
            return container instanceof ObjectNode o ? o.path(field).asText("") : container.path(index).asText("");
        }

        void write(String replacement) {
            if (container instanceof ObjectNode o) {
                o.put(field, replacement);
            } else {
                ((com.fasterxml.jackson.databind.node.ArrayNode) container).set(index,
                        com.fasterxml.jackson.databind.node.TextNode.valueOf(replacement));
            }
            JsonNode logprobs = logprobsOwner == null ? null : logprobsOwner.get("logprobs");
            if (logprobs != null && !logprobs.isNull()) { // its tokens would spell out what was just taken out
                if (logprobs.isArray()) {
                    logprobsOwner.putArray("logprobs");
                } else {
                    logprobsOwner.putNull("logprobs");
                }
            }
        }
    }

    private record Held(SseEvent event, ObjectNode json, List<Piece> pieces) {
    }

    @Override
    public Future<Verdict> onEvent(SseEvent event) {
        if (block != null) {
            return Future.succeededFuture(stopVerdict());
        }
        if (event.data() == null) { // comments and keep-alives keep their place in the stream
            if (held.isEmpty()) {
                return Future.succeededFuture(Verdict.pass(event));
            }
            held.add(new Held(event, null, List.of()));
            return Future.succeededFuture(new Verdict(List.of(), false));
        }
        ObjectNode json;
        try {
            JsonNode node = JSON.readTree(event.data());
            if (!(node instanceof ObjectNode object)) {
                return Future.succeededFuture(malformed());
            }
            json = object;
        } catch (IOException e) {
            return Future.succeededFuture(malformed());
        }
        List<Piece> pieces = extract(json);
        if (settings.mode() == StreamingSettings.Mode.ASYNC) {
            return async(event);
        }
        if (pieces.isEmpty() && held.isEmpty()) {
            return Future.succeededFuture(Verdict.pass(event));
        }
        held.add(new Held(event, json, pieces));
        if (maxUnchecked() < settings.step()) {
            return Future.succeededFuture(new Verdict(List.of(), false));
        }
        return checkAll().map(v -> block != null ? stopVerdict() : new Verdict(releaseHeld(), false));
    }

    private Future<Verdict> async(SseEvent event) {
        if (pending == null && maxUnchecked() >= settings.step()) {
            Future<Void> started = checkAll();
            if (!started.isComplete()) {
                pending = started;
                started.onComplete(ar -> {
                    if (pending == started) {
                        pending = null;
                    }
                });
            }
        }
        if (block != null) {
            return Future.succeededFuture(stopVerdict());
        }
        if (pending != null && maxUnchecked() >= 2 * settings.maxHoldback()) {
            return pending.map(v -> block != null ? stopVerdict() : Verdict.pass(event));
        }
        return Future.succeededFuture(Verdict.pass(event));
    }

    @Override
    public Future<List<SseEvent>> onEnd() {
        Future<Void> before = pending != null ? pending : Future.succeededFuture();
        return before.compose(v -> block != null || maxUnchecked() == 0 ? Future.succeededFuture() : checkAll())
                .map(v -> block != null ? stopEvents() : releaseHeld());
    }

    @Override
    public String decision() {
        return strictest == null ? Action.ALLOW.wireName() : strictest.action().wireName();
    }

    /** The strictest decision taken on this stream so far, or null if nothing was checked. */
    public Decision strictestDecision() {
        return strictest;
    }

    /** Character offset (in the violating choice's text) of the window that was blocked, or -1. */
    public int violationOffset() {
        return violationOffset;
    }

    private int maxUnchecked() {
        int max = 0;
        for (ChoiceText c : choices.values()) {
            max = Math.max(max, unitsAfter(c, c.checkedUpTo));
        }
        return max;
    }

    /** Checks the unchecked text of every choice (with the overlap before it), all choices concurrently. */
    private Future<Void> checkAll() {
        List<Future<Void>> checks = new ArrayList<>();
        for (Map.Entry<Integer, ChoiceText> e : choices.entrySet()) {
            ChoiceText c = e.getValue();
            int end = c.text.length();
            if (end == c.checkedUpTo) {
                continue;
            }
            int start = Math.min(back(c, c.checkedUpTo, settings.overlap()), back(c, end, settings.window()));
            String window = c.text.substring(start, end);
            c.checkedUpTo = end;
            int choice = e.getKey();
            checks.add(check.apply(window).map(decision -> {
                apply(choice, start, end, decision);
                return null;
            }));
        }
        return Future.all(checks).mapEmpty();
    }

    private void apply(int choice, int windowStart, int windowEnd, Decision decision) {
        if (strictest == null || decision.action().ordinal() > strictest.action().ordinal()) {
            strictest = decision;
        }
        if (decision instanceof Decision.Block b && block == null) {
            block = b;
            blockedChoice = choice;
            violationOffset = windowStart;
            return;
        }
        if (settings.annotations()) {
            SseEvent annotation = format.annotation(choice, decision, windowStart, windowEnd);
            if (annotation != null) {
                annotations.add(annotation);
            }
        }
        if (decision instanceof Decision.Redact redact) {
            List<Span> absolute = new ArrayList<>();
            for (Span s : redact.spans()) {
                absolute.add(new Span(s.start() + windowStart, s.end() + windowStart, s.category()));
            }
            redactHeld(choice, absolute, redact.replacement());
        }
    }

    /** Rewrites the held pieces of a choice that the spans cover; text already released cannot be taken back. */
    private void redactHeld(int choice, List<Span> spans, String replacement) {
        for (Held h : held) {
            for (Piece p : h.pieces()) {
                if (p.choice() != choice) {
                    continue;
                }
                String original = p.text();
                StringBuilder out = new StringBuilder();
                boolean changed = false;
                for (int i = p.start(); i < p.end(); i++) {
                    Span covering = null;
                    for (Span s : spans) {
                        if (i >= s.start() && i < s.end()) {
                            covering = s;
                            break;
                        }
                    }
                    if (covering == null) {
                        out.append(original.charAt(i - p.start()));
                    } else {
                        changed = true;
                        if (i == covering.start()) {
                            out.append(replacement.replace("{category}", covering.category()));
                        }
                    }
                }
                if (changed) {
                    p.write(out.toString());
                    h.json().put("_rampart_rewritten", true);
                }
            }
        }
    }

    private List<SseEvent> releaseHeld() {
        List<SseEvent> out = new ArrayList<>(held.size() + annotations.size());
        for (Held h : held) {
            if (h.json() != null && h.json().remove("_rampart_rewritten") != null) {
                out.add(format.rewritten(h.event(), h.json()));
            } else {
                out.add(h.event());
            }
        }
        held.clear();
        out.addAll(annotations); // after the text they vouch for
        annotations.clear();
        return out;
    }

    private List<Piece> extract(ObjectNode json) {
        List<Piece> pieces = new ArrayList<>();
        format.read(json, new StreamFormat.TextSink() {
            @Override
            public void answer(int answer) {
                choices.computeIfAbsent(answer, i -> new ChoiceText());
            }

            @Override
            public void text(int answer, JsonNode container, String field, int element, ObjectNode logprobsOwner) {
                ChoiceText text = choices.computeIfAbsent(answer, i -> new ChoiceText());
                JsonNode value = field != null ? container.get(field) : container.get(element);
                if (value != null && value.isTextual() && !value.textValue().isEmpty()) {
                    int start = text.text.length();
                    text.text.append(value.textValue());
                    text.deltaEnds.add(text.text.length());
                    pieces.add(new Piece(answer, start, text.text.length(), logprobsOwner, container, field, element));
                }
            }
        });
        return pieces;
    }

    private Verdict stopVerdict() {
        List<SseEvent> events = new ArrayList<>(stopEvents());
        events.addAll(format.end());
        return Verdict.stopWith(events);
    }

    /** The format's events ending the stream after the block (its terminator follows them). */
    private List<SseEvent> stopEvents() {
        held.clear();
        int end = block != null && choices.containsKey(blockedChoice) ? choices.get(blockedChoice).text.length() : 0;
        return format.stopped(new StreamFormat.Stop(choices.keySet(), block, blockedChoice, violationOffset, end,
                settings.annotations()));
    }

    private Verdict malformed() {
        held.clear();
        ApiFault fault = ApiFault.of(ApiError.UPSTREAM_STREAM_FAILED,
                "The upstream model service sent a stream event that is not JSON; the response is incomplete.");
        List<SseEvent> events = new ArrayList<>(format.failed(fault));
        events.addAll(format.end());
        return Verdict.stopWith(events);
    }
}
