package dev.rampart.gateway.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.openai.GuardedText;
import dev.rampart.gateway.policy.GuardState;
import dev.rampart.gateway.policy.Verdict;
import dev.rampart.gateway.openai.Endpoint;
import dev.rampart.gateway.stream.ChatStreamFormat;
import dev.rampart.gateway.stream.PassThroughStreamGuard;
import dev.rampart.gateway.stream.ResponsesStreamFormat;
import dev.rampart.gateway.stream.StreamFormat;
import dev.rampart.gateway.stream.StreamGuard;
import dev.rampart.gateway.stream.WindowedStreamGuard;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.Decision;
import dev.rampart.policy.Direction;
import dev.rampart.policy.StreamingSettings;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Stage 6: decides on what the model generated. A whole reply is checked per choice — a long choice in overlapping
 * windows, the same windowing as streams — and blocked choices are replaced by the refusal, redactions applied. A
 * streamed reply is checked window by window as it is relayed ({@link #forStream}).
 */
public final class CompletionGuard {
    private final GuardRunner runner;

    public CompletionGuard(GuardRunner runner) {
        this.runner = runner;
    }

    /** The verdict on a whole reply, with the reply rewritten for blocked and redacted choices. */
    public Future<CompletionVerdict> check(Admitted a, ObjectNode reply) {
        if (!a.endpoint().generatesText()) {
            return Future.succeededFuture(new CompletionVerdict(reply, null, ""));
        }
        List<GuardedText> choices = CompletionTexts.choices(a.endpoint(), reply);
        String text = choices.stream().map(GuardedText::joined).collect(Collectors.joining("\n\n"));
        StreamingSettings windows = a.policy().streaming();
        List<Future<Verdict>> perChoice = new ArrayList<>(choices.size());
        for (GuardedText choice : choices) {
            perChoice.add(decideWindowed(a, choice, windows));
        }
        return Future.all(perChoice).map(all -> {
            Decision strictest = null;
            Decision shadow = null;
            List<List<ClassifierScores>> scores = new ArrayList<>(perChoice.size());
            for (int i = 0; i < perChoice.size(); i++) {
                Verdict v = perChoice.get(i).result();
                if (v.decision() instanceof Decision.Block block) {
                    CompletionTexts.block(a.endpoint(), reply, i, block.refusalMessage());
                } else if (v.decision() instanceof Decision.Redact redact) {
                    choices.get(i).apply(redact);
                    CompletionTexts.redacted(a.endpoint(), reply, i);
                }
                strictest = Verdict.stricter(strictest, v.decision());
                shadow = Verdict.stricter(shadow, v.shadow());
                scores.add(v.scores());
            }
            Verdict verdict = strictest == null ? null : new Verdict(strictest, Verdict.mergeScores(scores), shadow);
            return new CompletionVerdict(reply, verdict, text);
        });
    }

    /**
     * The verdict on one choice; a long one is checked in overlapping windows and the strictest window decides, with
     * the redaction spans of every window.
     */
    private Future<Verdict> decideWindowed(Admitted a, GuardedText text, StreamingSettings windows) {
        String joined = text.joined();
        if (joined.length() <= windows.windowChars()) {
            return runner.decide(a.guard(), text, Direction.COMPLETION, a.tier());
        }
        List<Integer> starts = new ArrayList<>();
        List<Future<Verdict>> parts = new ArrayList<>();
        int stride = windows.windowChars() - windows.overlapChars();
        for (int start = 0; start < joined.length(); start += stride) {
            int end = Math.min(joined.length(), start + windows.windowChars());
            starts.add(start);
            parts.add(runner.decide(a.guard(), GuardedText.of("assistant", joined.substring(start, end)),
                    Direction.COMPLETION, a.tier()));
            if (end == joined.length()) {
                break;
            }
        }
        return Future.all(parts).map(all -> {
            List<Verdict> verdicts = parts.stream().map(Future::result).toList();
            Decision shadow = verdicts.get(0).shadow() == null ? null
                    : WindowedDecisions.combine(starts, verdicts.stream().map(Verdict::shadow).toList());
            return new Verdict(WindowedDecisions.combine(starts, verdicts.stream().map(Verdict::decision).toList()),
                    Verdict.mergeScores(verdicts.stream().map(Verdict::scores).toList()), shadow);
        });
    }

    /** A guard for one streamed reply: windowed when the policy has completion rules, else a pass-through. */
    public StreamCheck forStream(Admitted a) {
        GuardState state = a.guard();
        StreamFormat format = a.endpoint() == Endpoint.RESPONSES ? new ResponsesStreamFormat() : new ChatStreamFormat();
        if (state.categoriesFor(Direction.COMPLETION).isEmpty()) {
            return new StreamCheck(new PassThroughStreamGuard(), null, List.of(), List.of(), format);
        }
        List<List<ClassifierScores>> windows = new ArrayList<>();
        List<Decision> shadows = new ArrayList<>();
        WindowedStreamGuard guard = new WindowedStreamGuard(state.policy().streaming(),
                window -> runner.decide(state, GuardedText.of("assistant", window), Direction.COMPLETION, a.tier())
                        .map(verdict -> {
                            windows.add(verdict.scores());
                            if (verdict.shadow() != null) {
                                shadows.add(verdict.shadow());
                            }
                            return verdict.decision();
                        }), format);
        return new StreamCheck(guard, guard, windows, shadows, format);
    }

    /** The stream guard of one streamed reply and, once the stream ended, its verdict. */
    public static final class StreamCheck {
        private final StreamGuard guard;
        private final WindowedStreamGuard windowed;
        private final List<List<ClassifierScores>> windowScores;
        private final List<Decision> shadowDecisions;
        private final StreamFormat format;

        private StreamCheck(StreamGuard guard, WindowedStreamGuard windowed, List<List<ClassifierScores>> windowScores,
                            List<Decision> shadowDecisions, StreamFormat format) {
            this.guard = guard;
            this.windowed = windowed;
            this.windowScores = windowScores;
            this.shadowDecisions = shadowDecisions;
            this.format = format;
        }

        public StreamGuard guard() {
            return guard;
        }

        /** The stream's wire format (its error events and its end). */
        public StreamFormat format() {
            return format;
        }

        /** The verdict over every window checked (null when nothing was checked). */
        public Verdict verdict() {
            Decision strictest = windowed == null ? null : windowed.strictestDecision();
            Decision shadow = null;
            for (Decision d : shadowDecisions) {
                shadow = Verdict.stricter(shadow, d);
            }
            return strictest == null ? null : new Verdict(strictest, Verdict.mergeScores(windowScores), shadow);
        }

        /** Where in the streamed text the guard stopped the stream, or -1. */
        public int violationOffset() {
            return windowed == null ? -1 : windowed.violationOffset();
        }
    }
}
