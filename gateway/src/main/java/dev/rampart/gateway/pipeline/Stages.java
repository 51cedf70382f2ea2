package dev.rampart.gateway.pipeline;

import dev.rampart.classifier.reward.RewardScorer;
import dev.rampart.gateway.config.GatewayConfig;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.gateway.openai.Replies;
import dev.rampart.gateway.policy.PolicyRuntime;
import dev.rampart.gateway.upstream.UpstreamRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** The stages of one gateway's pipeline, built once from its configuration and parts. */
public record Stages(RequestBody body, CallerIdentifier identifier, TrustLookup trust, RequestLimiter limiter,
                     PolicyRuntime policies,
                     PromptGuard promptGuard, UpstreamCall upstream, CompletionGuard completionGuard,
                     RewardStage rewards, Moderations moderations, Recorder recorder, ReplyWriter writer,
                     Replies replies) {

    /** What the pipeline is built from besides the configuration. */
    public record Parts(CallerIdentifier identifier, TrustLookup trust, PolicyRuntime policies,
                        UpstreamRegistry upstreams, Function<String, RewardScorer> rewardScorers, DecisionSink decisions,
                        UnaryOperator<String> subjectHash, GatewayMetrics metrics, Clock clock,
                        RequestLimiter limiter) {
    }

    public static GuardPipeline pipeline(Vertx vertx, GatewayConfig config, Parts parts) {
        GatewayConfig.Server server = config.server();
        GatewayMetrics metrics = parts.metrics();
        GuardRunner runner = new GuardRunner(vertx, config.classifiers().timeoutMs(), metrics);
        Replies replies = new Replies(parts.clock());
        Recorder recorder = new Recorder(metrics, parts.decisions(),
                new DecisionRecords(parts.clock(), parts.subjectHash(), config.decisionLog().contentLogging()),
                parts.trust(), parts.clock(), parts.limiter());
        return new GuardPipeline(new Stages(
                new RequestBody(vertx, server),
                parts.identifier(),
                parts.trust(),
                parts.limiter(),
                parts.policies(),
                new PromptGuard(runner),
                new UpstreamCall(vertx, parts.upstreams(), metrics, server),
                new CompletionGuard(runner),
                new RewardStage(vertx, parts.rewardScorers(), metrics, () -> ThreadLocalRandom.current().nextDouble()),
                new Moderations(runner, replies),
                recorder,
                new ReplyWriter(metrics, server),
                replies));
    }
}
