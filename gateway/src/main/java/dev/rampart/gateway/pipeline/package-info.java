/**
 * The guard pipeline. {@link dev.rampart.gateway.pipeline.GuardPipeline#handle} is one chain that names every stage;
 * each stage is its own type that takes what it needs and returns a value, so no stage reads what another left
 * behind:
 * <ol>
 *   <li>{@link dev.rampart.gateway.pipeline.RequestBody}: bounded read, strict parse, validation → {@code ParsedRequest}</li>
 *   <li>{@link dev.rampart.gateway.pipeline.CallerIdentifier}: who is calling (API key, JWT) → {@code Caller}</li>
 *   <li>{@link dev.rampart.gateway.pipeline.TrustLookup}: their trust → {@code TrustAssessment}; with the tier the
 *       client may lower ({@link dev.rampart.gateway.pipeline.RequestedTier}) and the policy in force this makes an
 *       {@link dev.rampart.gateway.pipeline.Admitted} request</li>
 *   <li>{@link dev.rampart.gateway.pipeline.Moderations} serves {@code /v1/moderations} locally; every other route
 *       goes through {@link dev.rampart.gateway.pipeline.PromptGuard} → a {@code Verdict}</li>
 *   <li>{@link dev.rampart.gateway.pipeline.UpstreamCall}: the upstream call with fallback → an
 *       {@link dev.rampart.gateway.pipeline.UpstreamReply} (whole, stream, or the upstream's own refusal)</li>
 *   <li>{@link dev.rampart.gateway.pipeline.CompletionGuard}: the reply's texts, whole or streamed in windows → a
 *       {@link dev.rampart.gateway.pipeline.CompletionVerdict}</li>
 *   <li>{@link dev.rampart.gateway.pipeline.RewardStage}: reward scoring, best of n, regeneration through the
 *       {@link dev.rampart.gateway.pipeline.Regenerator} interface → a {@link dev.rampart.gateway.pipeline.RewardOutcome}</li>
 *   <li>{@link dev.rampart.gateway.pipeline.Recorder}: decision log, metrics, trust feedback, one log line</li>
 *   <li>{@link dev.rampart.gateway.pipeline.ReplyWriter}: headers, JSON, SSE, and faults as catalogued errors</li>
 * </ol>
 * {@link dev.rampart.gateway.pipeline.GuardRunner} runs a policy's classifiers on a text and asks the policy to
 * decide; {@link dev.rampart.gateway.pipeline.Outcome} is what one request came to, the one value the recorder and
 * the writer read.
 */
package dev.rampart.gateway.pipeline;
