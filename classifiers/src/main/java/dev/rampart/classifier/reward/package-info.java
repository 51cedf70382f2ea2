/**
 * Reward scoring: HelpSteer2-style quality scores for a model's response (helpfulness, correctness, coherence,
 * complexity, verbosity, typically 0–4 each) or one scalar {@code reward}, from remote or in-process (ONNX) reward
 * models.
 *
 * <p>This package owns the scoring contract ({@link dev.rampart.classifier.reward.RewardScorer}, its input
 * {@link dev.rampart.classifier.reward.RewardInput} and its result value
 * {@link dev.rampart.classifier.reward.RewardScores}, {@code SCORED} or {@code UNSCORED}); the configuration of one
 * scorer ({@link dev.rampart.classifier.reward.RewardConfig}, parsed once from the gateway's YAML with every problem
 * reported with its path); the remote scorer ({@link dev.rampart.classifier.reward.RemoteRewardScorer}) with one small
 * request-and-reply strategy per API shape — NVIDIA's reward API, vLLM's {@code /pooling} and {@code /classify}, and
 * a generic JSON endpoint; and the ONNX scorer ({@link dev.rampart.classifier.reward.OnnxRewardScorer}).
 *
 * <p>It refuses machinery of its own: a reward scorer is a {@link dev.rampart.classifier.Scorer}, so the remote scorer
 * sends through {@code runtime.JsonEndpoint}, the ONNX scorer loads through {@code onnx.ModelLoad}, and both are
 * protected by {@code runtime.ResilientScorer} ({@link dev.rampart.classifier.reward.RewardScorer#resilient}) with one
 * default, {@link dev.rampart.classifier.reward.RewardScorer#DEFAULT_RESILIENCE} (5 s timeout).
 *
 * <p>Scores are the model's raw values: no softmax or sigmoid is applied, and vLLM is asked for raw outputs. A scorer
 * failure never fails the request it scores — it is an {@code UNSCORED} value with a text-free cause. What a score
 * means for a request (thresholds, gates, actions) is the policy's business, not this package's. No prompt, response
 * or reply text is ever logged or kept in a result.
 */
package dev.rampart.classifier.reward;
