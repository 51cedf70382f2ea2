package dev.rampart.gateway.pipeline;

import dev.rampart.gateway.http.ContentFilterDetail;
import dev.rampart.policy.Action;
import dev.rampart.policy.CategoryFinding;
import dev.rampart.policy.Decision;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code 400 content_filter} error tells the client about a blocked prompt: every category that fired (enforced
 * or monitored, in taxonomy order), whether its rule filtered the text, and its score; the categories that did not
 * fire are left out. The same facts as {@code x-rampart-categories}, where SDK exceptions show them.
 */
final class BlockReasons {
    private BlockReasons() {
    }

    static ContentFilterDetail of(String requestId, Decision decision) {
        List<ContentFilterDetail.Category> fired = new ArrayList<>();
        for (CategoryFinding f : decision.findings()) {
            if (f.fired()) {
                boolean filtered = f.acted() == Action.BLOCK || f.acted() == Action.REDACT;
                fired.add(new ContentFilterDetail.Category(f.category(), filtered, true, f.score()));
            }
        }
        return new ContentFilterDetail(requestId, decision.policyRevision(), fired);
    }
}
