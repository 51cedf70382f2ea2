package dev.rampart.gateway.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rampart.classifier.reward.RefusalDetector;
import dev.rampart.classifier.reward.RewardInput;
import dev.rampart.classifier.reward.RewardScorer;
import dev.rampart.classifier.reward.RewardScores;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.gateway.openai.Endpoint;
import dev.rampart.gateway.openai.GuardedText;
import dev.rampart.gateway.openai.TextSlot;
import dev.rampart.policy.Decision;
import dev.rampart.policy.RewardPolicy;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 7: reward scoring of a guarded, non-streamed completion, as the policy's {@code reward:} section says: sample,
 * score, choose the best of several candidates, regenerate below a threshold, flag, detect over-refusal, annotate.
 * Returns a {@link RewardOutcome}; a scorer failure never fails the request: the response is served and marked
 * unscored. Runs on the request's Vert.x context.
 */
public final class RewardStage {
    private static final Logger LOG = LoggerFactory.getLogger(RewardStage.class);

    private final Vertx vertx;
    private final Function<String, RewardScorer> scorers;
    private final GatewayMetrics metrics;
    private final DoubleSupplier random;

    /** One candidate response: its completion verdict, which choice of it is meant, and that choice's scores. */
    private record Candidate(CompletionVerdict verdict, int choice, RewardScores reward) {
        Decision decision() {
            return verdict.decided() ? verdict.verdict().decision() : null;
        }
    }

    public RewardStage(Vertx vertx, Function<String, RewardScorer> scorers, GatewayMetrics metrics, DoubleSupplier random) {
        this.vertx = vertx;
        this.scorers = scorers;
        this.metrics = metrics;
        this.random = random;
    }

    /**
     * Asks the upstream for best-of-n candidates when the policy wants them and the client did not set {@code n}
     * itself: sets {@code n} in the request body about to be forwarded and says so.
     */
    public boolean requestCandidates(Admitted a) {
        RewardPolicy reward = a.policy().reward().orElse(null);
        if (reward == null || reward.bestOfN() < 2 || reward.mode() != RewardPolicy.Mode.INLINE
                || a.endpoint() != Endpoint.CHAT_COMPLETIONS || a.request().stream()) {
            return false;
        }
        ObjectNode body = a.request().body();
        JsonNode n = body.get("n");
        if (n != null && !(n.isNumber() && n.asInt() == 1)) {
            return false;
        }
        body.put("n", reward.bestOfN());
        return true;
    }

    /**
     * Scores the reply and applies the policy.
     *
     * @param candidates whether the reply holds best-of-n candidates to choose from ({@link #requestCandidates})
     * @param prompt     the prompt guard's decision (over-refusal is judged only on allowed prompts)
     * @param again      fetches and guards a fresh reply, for regenerate
     */
    public Future<RewardOutcome> apply(Admitted a, boolean candidates, Decision prompt, CompletionVerdict reply,
                                       Regenerator again) {
        RewardPolicy policy = a.policy().reward().orElse(null);
        if (policy == null || !a.endpoint().generatesText()) {
            return Future.succeededFuture(RewardOutcome.none(reply));
        }
        RewardScorer scorer = scorers.apply(policy.scorer());
        if (random.getAsDouble() >= policy.sampleRate()) {
            metrics.rewardOutcome(policy.scorer(), RewardStatus.SAMPLED_OUT.wireName());
            if (candidates) {
                keepOnly(reply.reply(), firstUnblocked(reply.reply()));
            }
            return Future.succeededFuture(outcome(policy, reply, RewardStatus.SAMPLED_OUT, null, List.of(), 1));
        }
        String promptText = promptText(a);
        if (policy.mode() == RewardPolicy.Mode.BACKGROUND) {
            scoreInBackground(a.id(), policy, scorer, promptText, choiceTexts(a, reply.reply()));
            return Future.succeededFuture(outcome(policy, reply, RewardStatus.BACKGROUND, null, List.of(), 1));
        }
        Context context = vertx.getOrCreateContext();
        Scoring scoring = new Scoring(a, policy, scorer, promptText, candidates, prompt, again, context);
        return scoring.best(reply).compose(first -> scoring.loop(first, first, 1));
    }

    private void scoreInBackground(String id, RewardPolicy policy, RewardScorer scorer, String prompt, List<String> texts) {
        String response = texts.stream().findFirst().orElse("");
        scorer.score(RewardInput.of(prompt, response)).whenComplete((scores, failure) -> {
            RewardScores s = scores != null ? scores : RewardScores.unscored(policy.scorer(), "scorer failed");
            record(policy, s, RewardStatus.BACKGROUND.wireName());
            if (s.isScored()) {
                LOG.info("request={} reward scorer={} attributes={} (background)", id, s.scorer(), s.attributes());
            }
        });
    }

    /** One inline scoring of one request: candidates, regenerations, the choice. */
    private final class Scoring {
        private final Admitted a;
        private final RewardPolicy policy;
        private final RewardScorer scorer;
        private final String prompt;
        private final boolean candidates;
        private final Decision promptDecision;
        private final Regenerator again;
        private final Context context;

        Scoring(Admitted a, RewardPolicy policy, RewardScorer scorer, String prompt, boolean candidates,
                Decision promptDecision, Regenerator again, Context context) {
            this.a = a;
            this.policy = policy;
            this.scorer = scorer;
            this.prompt = prompt;
            this.candidates = candidates;
            this.promptDecision = promptDecision;
            this.again = again;
            this.context = context;
        }

        Future<RewardOutcome> loop(Candidate current, Candidate bestSoFar, int attempt) {
            RewardPolicy.RewardVerdict verdict = current.reward().isScored()
                    ? policy.judge(current.reward().attributes(), a.tier()) : RewardPolicy.RewardVerdict.PASS;
            if (verdict.regenerate() && attempt < policy.maxAttempts()) {
                String attribute = verdict.reasons().isEmpty() ? "unknown" : verdict.reasons().get(0).attribute();
                metrics.rewardAction(policy.scorer(), "regenerate", attribute);
                return again.regenerate()
                        .compose(this::best)
                        .compose(next -> loop(next, better(bestSoFar, next), attempt + 1))
                        .recover(failure -> {
                            LOG.info("request={} regeneration failed ({}); keeping the best candidate so far", a.id(),
                                    failure.getClass().getSimpleName());
                            return Future.succeededFuture(finish(bestSoFar, attempt, true));
                        });
            }
            return Future.succeededFuture(finish(better(bestSoFar, current), attempt, verdict.regenerate()));
        }

        private RewardOutcome finish(Candidate chosen, int attempts, boolean exhausted) {
            RewardScores scores = chosen.reward();
            List<String> flags = new ArrayList<>();
            if (scores.isScored()) {
                RewardPolicy.RewardVerdict verdict = policy.judge(scores.attributes(), a.tier());
                if (verdict.flagged() || (verdict.regenerate() && exhausted)) {
                    for (RewardPolicy.RewardReason reason : verdict.reasons()) {
                        flags.add(reason.toString());
                        metrics.rewardAction(policy.scorer(), "flag", reason.attribute());
                    }
                }
                if (promptDecision instanceof Decision.Allow
                        && RefusalDetector.isRefusal(choiceText(chosen)) && policy.overRefusal(scores.attributes())) {
                    flags.add("over_refusal");
                    metrics.rewardAction(policy.scorer(), "over_refusal", "helpfulness");
                }
            }
            RewardStatus status = scores.isScored() ? RewardStatus.SCORED : RewardStatus.UNSCORED;
            return outcome(policy, chosen.verdict(), status, scores, flags, attempts);
        }

        /** Scores every unblocked choice of a reply and keeps only the best one (as choice 0) for candidates. */
        Future<Candidate> best(CompletionVerdict verdict) {
            ObjectNode reply = verdict.reply();
            List<String> texts = choiceTexts(a, reply);
            List<Integer> eligible = new ArrayList<>();
            JsonNode choices = reply.path("choices");
            for (int i = 0; i < texts.size(); i++) {
                boolean blocked = "content_filter".equals(choices.path(i).path("finish_reason").asText());
                if (!blocked && (candidates || i == 0)) {
                    eligible.add(i);
                }
            }
            if (eligible.isEmpty()) {
                eligible.add(0); // every candidate was blocked: the first one (a refusal) is the answer
            }
            List<Future<RewardScores>> scored = new ArrayList<>();
            for (int i : eligible) {
                scored.add(onContext(context, scorer.score(RewardInput.of(prompt, texts.isEmpty() ? "" : texts.get(i)))));
            }
            return Future.join(scored).transform(ar -> {
                int bestIndex = eligible.get(0);
                RewardScores bestScores = null;
                for (int k = 0; k < eligible.size(); k++) {
                    Future<RewardScores> f = scored.get(k);
                    RewardScores s = f.succeeded() && f.result() != null ? f.result()
                            : RewardScores.unscored(policy.scorer(), "scorer failed");
                    record(policy, s, s.isScored() ? RewardStatus.SCORED.wireName() : RewardStatus.UNSCORED.wireName());
                    if (bestScores == null || (s.isScored() && (!bestScores.isScored()
                            || policy.rank(s.attributes()) > policy.rank(bestScores.attributes())))) {
                        bestScores = s;
                        bestIndex = eligible.get(k);
                    }
                }
                if (candidates) {
                    keepOnly(reply, bestIndex);
                }
                return Future.succeededFuture(new Candidate(verdict, candidates ? 0 : bestIndex, bestScores));
            });
        }

        private Candidate better(Candidate x, Candidate y) {
            if (!x.reward().isScored()) {
                return y.reward().isScored() ? y : x;
            }
            if (!y.reward().isScored()) {
                return x;
            }
            boolean xBlocked = x.decision() instanceof Decision.Block;
            boolean yBlocked = y.decision() instanceof Decision.Block;
            if (xBlocked != yBlocked) {
                return xBlocked ? y : x;
            }
            return policy.rank(y.reward().attributes()) > policy.rank(x.reward().attributes()) ? y : x;
        }

        private String choiceText(Candidate c) {
            List<String> texts = choiceTexts(a, c.verdict().reply());
            return texts.isEmpty() ? "" : texts.get(Math.min(c.choice(), texts.size() - 1));
        }
    }

    /** The outcome, with the reply annotated in its body when the policy asks for it. */
    private static RewardOutcome outcome(RewardPolicy policy, CompletionVerdict chosen, RewardStatus status,
                                         RewardScores scores, List<String> flags, int attempts) {
        if (policy.body()) {
            ObjectNode ext = chosen.reply().with("x_rampart").putObject("reward");
            ext.put("status", status.wireName());
            if (scores != null && scores.isScored()) {
                ObjectNode attributes = ext.putObject("attributes");
                scores.attributes().forEach(attributes::put);
            }
            ext.put("attempts", Math.max(1, attempts));
            ArrayNode flagNode = ext.putArray("flags");
            flags.forEach(flagNode::add);
        }
        return new RewardOutcome(chosen, status, scores, flags, attempts, policy.headers());
    }

    private static int firstUnblocked(ObjectNode reply) {
        JsonNode choices = reply.path("choices");
        for (int i = 0; i < choices.size(); i++) {
            if (!"content_filter".equals(choices.path(i).path("finish_reason").asText())) {
                return i;
            }
        }
        return 0;
    }

    private static void keepOnly(ObjectNode reply, int index) {
        JsonNode choices = reply.path("choices");
        if (!choices.isArray() || index >= choices.size()) {
            return;
        }
        ObjectNode chosen = (ObjectNode) choices.get(index).deepCopy();
        chosen.put("index", 0);
        ArrayNode only = reply.putArray("choices");
        only.add(chosen);
    }

    private void record(RewardPolicy policy, RewardScores s, String outcome) {
        metrics.rewardOutcome(policy.scorer(), outcome);
        if (s.isScored()) {
            s.attributes().forEach((attribute, value) -> metrics.rewardScore(policy.scorer(), attribute, value));
        }
    }

    /** The last user turn (what the response answers), else every prompt text. */
    private static String promptText(Admitted a) {
        List<TextSlot> slots = a.request().prompt().slots();
        for (int i = slots.size() - 1; i >= 0; i--) {
            if ("user".equals(slots.get(i).role())) {
                return slots.get(i).text();
            }
        }
        return a.request().prompt().joined();
    }

    private static List<String> choiceTexts(Admitted a, ObjectNode reply) {
        return CompletionTexts.choices(a.endpoint(), reply).stream().map(GuardedText::joined).toList();
    }

    private static <T> Future<T> onContext(Context context, CompletionStage<T> stage) {
        Promise<T> promise = Promise.promise();
        stage.whenComplete((value, failure) -> context.runOnContext(v -> {
            if (failure != null) {
                promise.fail(failure);
            } else {
                promise.complete(value);
            }
        }));
        return promise.future();
    }
}
