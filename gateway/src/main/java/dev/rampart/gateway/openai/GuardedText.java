package dev.rampart.gateway.openai;

import dev.rampart.classifier.ClassificationInput;
import dev.rampart.policy.Decision;
import dev.rampart.policy.Direction;
import dev.rampart.policy.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * All texts of one request or one reply choice, joined into one string for the classifiers, with the offsets needed
 * to map classifier spans back to the JSON slot each character came from.
 */
public final class GuardedText {
    /** Separates slots in the joined text so patterns never match across two messages. */
    static final String SEPARATOR = "\n\n";

    private final List<TextSlot> slots;
    private final int[] starts;
    private final String joined;

    public GuardedText(List<TextSlot> slots) {
        this.slots = List.copyOf(slots);
        this.starts = new int[slots.size()];
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < slots.size(); i++) {
            if (i > 0) {
                sb.append(SEPARATOR);
            }
            starts[i] = sb.length();
            sb.append(slots.get(i).text());
        }
        this.joined = sb.toString();
    }

    /** A single read-only text (a window of a completion, say). */
    public static GuardedText of(String role, String text) {
        return new GuardedText(List.of(new TextSlot(role, text, replacement -> { })));
    }

    public String joined() {
        return joined;
    }

    public boolean isEmpty() {
        return joined.isEmpty();
    }

    public List<TextSlot> slots() {
        return slots;
    }

    public ClassificationInput input(Direction direction) {
        List<ClassificationInput.Turn> turns = new ArrayList<>(slots.size());
        for (TextSlot slot : slots) {
            turns.add(new ClassificationInput.Turn(slot.role(), slot.text()));
        }
        return new ClassificationInput(direction, joined, turns);
    }

    /** Rewrites every slot touched by the redaction's spans. */
    public void apply(Decision.Redact redact) {
        for (int i = 0; i < slots.size(); i++) {
            TextSlot slot = slots.get(i);
            int start = starts[i];
            int end = start + slot.text().length();
            List<Span> local = new ArrayList<>();
            for (Span span : redact.spans()) {
                int s = Math.max(span.start(), start);
                int e = Math.min(span.end(), end);
                if (s < e) {
                    local.add(new Span(s - start, e - start, span.category()));
                }
            }
            if (!local.isEmpty()) {
                Decision.Redact part = new Decision.Redact(redact.policyRevision(), redact.direction(),
                        redact.findings(), redact.contested(), local, redact.replacement());
                slot.writer().write(part.apply(slot.text()));
            }
        }
    }
}
