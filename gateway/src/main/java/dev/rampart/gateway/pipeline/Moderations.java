package dev.rampart.gateway.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.gateway.openai.GuardedText;
import dev.rampart.gateway.openai.Replies;
import dev.rampart.gateway.openai.TextSlot;
import dev.rampart.gateway.policy.Verdict;
import dev.rampart.policy.Direction;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /v1/moderations}, served locally: each input is decided on its own, as a prompt at the caller's tier, and
 * answered in OpenAI's moderation schema under OpenAI's category names and the policy's own ids
 * ({@link ModerationResults}). The strictest input's verdict is the request's.
 */
public final class Moderations {
    private final GuardRunner runner;
    private final Replies replies;

    public Moderations(GuardRunner runner, Replies replies) {
        this.runner = runner;
        this.replies = replies;
    }

    public Future<Outcome> serve(Admitted a) {
        List<Future<Verdict>> perInput = new ArrayList<>();
        for (TextSlot slot : a.request().prompt().slots()) {
            perInput.add(runner.decide(a.guard(), new GuardedText(List.of(slot)), Direction.PROMPT, a.tier()));
        }
        if (perInput.isEmpty()) {
            perInput.add(runner.decide(a.guard(), new GuardedText(List.of()), Direction.PROMPT, a.tier()));
        }
        return Future.all(perInput).map(all -> {
            List<ObjectNode> results = new ArrayList<>(perInput.size());
            Verdict strictest = null;
            for (Future<Verdict> f : perInput) {
                Verdict v = f.result();
                results.add(ModerationResults.of(a.policy(), v.decision(), v.scores()));
                if (strictest == null || v.action().ordinal() > strictest.action().ordinal()) {
                    strictest = v;
                }
            }
            String model = a.model() == null ? "rampart-" + a.policy().name() : a.model();
            ObjectNode body = replies.moderationResponse(a.id(), model, results);
            return new Outcome(a, strictest, null, null, null, new Outcome.Json(200, body));
        });
    }
}
