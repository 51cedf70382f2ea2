package dev.rampart.gateway.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.http.ApiFault;
import dev.rampart.gateway.policy.Verdict;
import dev.rampart.gateway.stream.SseEvent;
import dev.rampart.policy.Decision;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What was decided on one admitted request and what the client gets: the prompt verdict, the completion verdict and
 * reward outcome when the upstream answered, the upstream that answered, and the reply. The recorder and the reply
 * writer both read it; nothing in it changes after it is built.
 *
 * @param completion the completion guard's verdict, or null (prompt blocked, nothing generated, upstream failed)
 * @param reward     the reward stage's outcome, or null
 * @param upstream   the upstream that answered, or null
 * @param relayed    the upstream's headers passed to the client (request id, rate limits, retry advice)
 */
public record Outcome(Admitted admitted, Verdict prompt, CompletionVerdict completion, RewardOutcome reward,
                      String upstream, Reply reply, Map<String, String> relayed) {
    public Outcome {
        Objects.requireNonNull(admitted, "admitted");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(reply, "reply");
        relayed = relayed == null ? Map.of() : Map.copyOf(relayed);
    }

    /** An outcome no upstream header reaches the client with (no upstream answered, or the gateway answered itself). */
    public Outcome(Admitted admitted, Verdict prompt, CompletionVerdict completion, RewardOutcome reward,
                   String upstream, Reply reply) {
        this(admitted, prompt, completion, reward, upstream, reply, Map.of());
    }

    /** What is sent to the client. */
    public sealed interface Reply permits Json, Events, Error, Streamed {
    }

    /** A whole JSON body. */
    public record Json(int status, ObjectNode body) implements Reply {
    }

    /** A short event stream the gateway writes itself (a refusal to a streaming request), its end included. */
    public record Events(List<SseEvent> events) implements Reply {
        public Events {
            events = List.copyOf(events);
        }
    }

    /** An OpenAI-shaped error. */
    public record Error(ApiFault fault) implements Reply {
    }

    /**
     * The upstream's stream, already relayed to the client as the completion guard passed it.
     *
     * @param tokens what it cost the caller's token budgets ({@link StreamedTokens}; 0 when no budget is metered)
     */
    public record Streamed(long tokens) implements Reply {
    }

    /** The completion decision, or null. */
    public Decision completionDecision() {
        return completion == null || !completion.decided() ? null : completion.verdict().decision();
    }

    /**
     * The decision that would have been strictest with every rule enforced (what {@code x-rampart-would-decide}
     * reports): the prompt's or the completion's, by {@link Decision#wouldAction()}, the prompt's on a tie.
     */
    public Decision strictestWould() {
        Decision c = completionDecision();
        return c != null && c.wouldAction().ordinal() > prompt.decision().wouldAction().ordinal() ? c : prompt.decision();
    }

    /** The strictest decision taken on the request (what headers report and trust feedback records). */
    public Decision strictest() {
        return Verdict.stricter(prompt.decision(), completionDecision());
    }
}
