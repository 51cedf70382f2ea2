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
import dev.rampart.policy.Decision;
import dev.rampart.policy.RewardPolicy;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reward scoring of a guarded, non-streamed completion, as the policy's {@code reward:} section says: sample, score,
 * choose the best of several candidates, regenerate below a threshold, flag, detect over-refusal, annotate. A scorer
 * failure never fails the request: the response is served and marked unscored. Runs on the request's Vert.x context.
 */
public final class RewardStage {
    private static final Logger LOG = LoggerFactory.getLogger(RewardStage.class);

    private final Vertx vertx;
    private final Function<String, RewardScorer> scorers;
    private final GatewayMetrics metrics;
    private final DoubleSupplier random;

    /** One candidate response: the guarded reply, what the completion guard decided, and the best choice's scores. */
    record Candidate(ObjectNode reply, Decision decision, String text, List<dev.rampart.policy.ClassifierScores> scores,
                     int choice, RewardScores reward) {
    }

    public RewardStage(Vertx vertx, Function<String, RewardScorer> scorers, GatewayMetrics metrics, DoubleSupplier random) {
        this.vertx = vertx;
        this.scorers = scorers;
        this.metrics = metrics;
        this.random = random;
    }

    /** Asks the upstream for best-of-n candidates when the policy wants them and the client did not set n itself. */
    static boolean requestCandidates(Exchange x, ObjectNode body) {
        RewardPolicy reward = x.guard.policy().reward().orElse(null);
        if (reward == null || reward.bestOfN() < 2 || reward.mode() != RewardPolicy.Mode.INLINE
                || x.endpoint != Endpoint.CHAT_COMPLETIONS || x.parsed.stream()) {
            return false;
        }
        JsonNode n = body.get("n");
        if (n != null && !(n.isNumber() && n.asInt() == 1)) {
            return false;
        }
        body.put("n", reward.bestOfN());
        return true;
    }

    /**
     * Scores the reply and applies the policy. {@code again} fetches and guards a fresh reply from the upstream (for
     * regenerate); it sets the exchange's completion fields for that reply, which are restored to the chosen one.
     */
    Future<ObjectNode> apply(Exchange x, ObjectNode reply, Supplier<Future<ObjectNode>> again) {
        RewardPolicy policy = x.guard.policy().reward().orElse(null);
        if (policy == null || !x.endpoint.generatesText()) {
            return Future.succeededFuture(reply);
        }
        RewardScorer scorer = scorers.apply(policy.scorer());
        if (random.getAsDouble() >= policy.sampleRate()) {
            x.rewardStatus = "sampled_out";
            metrics.rewardOutcome(policy.scorer(), "sampled_out");
            if (x.rewardCandidates) {
                keepOnly(reply, firstUnblocked(reply));
            }
            annotate(x, policy, reply, null);
            return Future.succeededFuture(reply);
        }
        String prompt = promptText(x);
        if (policy.mode() == RewardPolicy.Mode.BACKGROUND) {
            x.rewardStatus = "background";
            String response = choiceTexts(x, reply).stream().findFirst().orElse("");
            String id = x.id;
            scorer.score(RewardInput.of(prompt, response)).whenComplete((scores, failure) -> {
                RewardScores s = scores != null ? scores : RewardScores.unscored(policy.scorer(), "scorer failed");
                record(policy, s, "background");
                if (s.isScored()) {
                    LOG.info("request={} reward scorer={} attributes={} (background)", id, s.scorer(), s.attributes());
                }
            });
            annotate(x, policy, reply, null);
            return Future.succeededFuture(reply);
        }
        Context context = vertx.getOrCreateContext();
        return best(x, policy, scorer, prompt, reply, context).compose(first -> loop(x, policy, scorer, prompt, first,
                first, 1, again, context));
    }

    private Future<ObjectNode> loop(Exchange x, RewardPolicy policy, RewardScorer scorer, String prompt,
                                    Candidate current, Candidate bestSoFar, int attempt,
                                    Supplier<Future<ObjectNode>> again, Context context) {
        RewardPolicy.RewardVerdict verdict = current.reward().isScored()
                ? policy.judge(current.reward().attributes(), x.tier()) : RewardPolicy.RewardVerdict.PASS;
        if (verdict.regenerate() && attempt < policy.maxAttempts()) {
            metrics.rewardAction(policy.scorer(), "regenerate", firstAttribute(verdict));
            return again.get()
                    .compose(next -> best(x, policy, scorer, prompt, next, context))
                    .compose(next -> loop(x, policy, scorer, prompt, next, better(policy, bestSoFar, next), attempt + 1,
                            again, context))
                    .recover(failure -> {
                        LOG.info("request={} regeneration failed ({}); keeping the best candidate so far", x.id,
                                failure.getClass().getSimpleName());
                        return finish(x, policy, bestSoFar, attempt, true);
                    });
        }
        Candidate chosen = better(policy, bestSoFar, current);
        return finish(x, policy, chosen, attempt, verdict.regenerate());
    }

    private Future<ObjectNode> finish(Exchange x, RewardPolicy policy, Candidate chosen, int attempts,
                                      boolean exhausted) {
        x.completionDecision = chosen.decision();
        x.completionText = chosen.text();
        x.completionScores = chosen.scores();
        x.rewardAttempts = attempts;
        RewardScores scores = chosen.reward();
        List<String> flags = new ArrayList<>();
        if (scores.isScored()) {
            RewardPolicy.RewardVerdict verdict = policy.judge(scores.attributes(), x.tier());
            if (verdict.flagged() || (verdict.regenerate() && exhausted)) {
                flags.addAll(verdict.reasons());
                verdict.reasons().forEach(r -> metrics.rewardAction(policy.scorer(), "flag", r.substring(0, r.indexOf('<'))));
            }
            if (x.promptDecision instanceof Decision.Allow && RefusalDetector.isRefusal(choiceText(x, chosen))
                    && policy.overRefusal(scores.attributes())) {
                flags.add("over_refusal");
                metrics.rewardAction(policy.scorer(), "over_refusal", "helpfulness");
            }
        }
        x.rewardScores = scores;
        x.rewardFlags = List.copyOf(flags);
        x.rewardStatus = scores.isScored() ? "scored" : "unscored";
        annotate(x, policy, chosen.reply(), scores);
        return Future.succeededFuture(chosen.reply());
    }

    /** Scores every unblocked choice of a reply and keeps only the best one (as choice 0) when candidates were requested. */
    private Future<Candidate> best(Exchange x, RewardPolicy policy, RewardScorer scorer, String prompt,
                                   ObjectNode reply, Context context) {
        Decision decision = x.completionDecision;
        String text = x.completionText;
        List<dev.rampart.policy.ClassifierScores> guardScores = x.completionScores;
        List<String> texts = choiceTexts(x, reply);
        List<Integer> eligible = new ArrayList<>();
        JsonNode choices = reply.path("choices");
        for (int i = 0; i < texts.size(); i++) {
            boolean blocked = "content_filter".equals(choices.path(i).path("finish_reason").asText());
            if (!blocked && (x.rewardCandidates || i == 0)) {
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
                record(policy, s, s.isScored() ? "scored" : "unscored");
                if (bestScores == null || (s.isScored() && (!bestScores.isScored()
                        || policy.rank(s.attributes()) > policy.rank(bestScores.attributes())))) {
                    bestScores = s;
                    bestIndex = eligible.get(k);
                }
            }
            if (x.rewardCandidates) {
                keepOnly(reply, bestIndex);
            }
            return Future.succeededFuture(new Candidate(reply, decision, text, guardScores,
                    x.rewardCandidates ? 0 : bestIndex, bestScores));
        });
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

    private static Candidate better(RewardPolicy policy, Candidate a, Candidate b) {
        if (!a.reward().isScored()) {
            return b.reward().isScored() ? b : a;
        }
        if (!b.reward().isScored()) {
            return a;
        }
        boolean aBlocked = a.decision() instanceof Decision.Block;
        boolean bBlocked = b.decision() instanceof Decision.Block;
        if (aBlocked != bBlocked) {
            return aBlocked ? b : a;
        }
        return policy.rank(b.reward().attributes()) > policy.rank(a.reward().attributes()) ? b : a;
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

    private static void annotate(Exchange x, RewardPolicy policy, ObjectNode reply, RewardScores scores) {
        if (policy.headers() && !x.response.headWritten()) {
            x.response.putHeader("x-rampart-reward-status", x.rewardStatus);
            if (scores != null && scores.isScored()) {
                scores.attributes().forEach((k, v) -> x.response.putHeader("x-rampart-reward-" + headerName(k),
                        String.format(Locale.ROOT, "%.3f", v)));
            }
            if (!x.rewardFlags.isEmpty()) {
                x.response.putHeader("x-rampart-reward-flags", String.join(",", x.rewardFlags));
            }
        }
        if (policy.body()) {
            ObjectNode ext = reply.with("x_rampart").putObject("reward");
            ext.put("status", x.rewardStatus);
            if (scores != null && scores.isScored()) {
                ObjectNode attributes = ext.putObject("attributes");
                scores.attributes().forEach(attributes::put);
            }
            ext.put("attempts", Math.max(1, x.rewardAttempts));
            ArrayNode flags = ext.putArray("flags");
            x.rewardFlags.forEach(flags::add);
        }
    }

    private static String headerName(String attribute) {
        return attribute.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    }

    private static String firstAttribute(RewardPolicy.RewardVerdict verdict) {
        String r = verdict.reasons().isEmpty() ? "unknown" : verdict.reasons().get(0);
        return r.contains("<") ? r.substring(0, r.indexOf('<')) : r;
    }

    private static String promptText(Exchange x) {
        List<dev.rampart.gateway.openai.TextSlot> slots = x.parsed.prompt().slots();
        for (int i = slots.size() - 1; i >= 0; i--) {
            if ("user".equals(slots.get(i).role())) {
                return slots.get(i).text();
            }
        }
        return x.parsed.prompt().joined();
    }

    private static List<String> choiceTexts(Exchange x, ObjectNode reply) {
        return CompletionTexts.choices(x.endpoint, reply).stream().map(GuardedText::joined).toList();
    }

    private static String choiceText(Exchange x, Candidate c) {
        List<String> texts = choiceTexts(x, c.reply());
        return texts.isEmpty() ? "" : texts.get(Math.min(c.choice(), texts.size() - 1));
    }

    private static <T> Future<T> onContext(Context context, java.util.concurrent.CompletionStage<T> stage) {
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
