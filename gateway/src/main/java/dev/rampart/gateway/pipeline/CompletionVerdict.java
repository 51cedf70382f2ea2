package dev.rampart.gateway.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.policy.Verdict;

/**
 * What the completion guard made of a reply: the reply as it may be sent (blocked choices replaced by the refusal,
 * redactions applied), the verdict on it (null when the reply had no choice to check), and the text it judged (for
 * the decision log's hash).
 *
 * @param reply   the reply body after the guard; null for a stream, which was relayed to the client as it was checked
 * @param verdict the strictest decision over every choice, with the classifier scores merged over choices and windows
 * @param text    the judged text (every choice, joined)
 */
public record CompletionVerdict(ObjectNode reply, Verdict verdict, String text) {

    public boolean decided() {
        return verdict != null;
    }
}
