package dev.rampart.gateway.pipeline;

import dev.rampart.policy.Decision;
import dev.rampart.policy.Span;
import java.util.ArrayList;
import java.util.List;

/** Combines the decisions on overlapping windows of one text into the decision on the whole text. */
final class WindowedDecisions {
    private WindowedDecisions() {
    }

    /**
     * The strictest window decides; when that is a redaction, the spans of every redacting window are shifted to
     * whole-text coordinates and merged.
     *
     * @param starts    each window's start offset in the whole text
     * @param decisions each window's decision, in the same order
     */
    static Decision combine(List<Integer> starts, List<Decision> decisions) {
        Decision strictest = decisions.get(0);
        for (Decision d : decisions) {
            if (d.action().ordinal() > strictest.action().ordinal()) {
                strictest = d;
            }
        }
        if (!(strictest instanceof Decision.Redact redact)) {
            return strictest;
        }
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            if (decisions.get(i) instanceof Decision.Redact r) {
                int shift = starts.get(i);
                r.spans().forEach(s -> spans.add(new Span(s.start() + shift, s.end() + shift, s.category())));
            }
        }
        List<Span> merged = Span.merge(spans);
        return new Decision.Redact(redact.policyRevision(), redact.direction(), redact.findings(), redact.contested(),
                merged, redact.replacement());
    }
}
