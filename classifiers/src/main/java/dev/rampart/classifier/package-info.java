/**
 * The scoring SPI. Every model behind Rampart is a {@link dev.rampart.classifier.Scorer Scorer&lt;I, R&gt;}: named,
 * asynchronous, a failure a value of {@code R}, never an exception. It has two families: a
 * {@link dev.rampart.classifier.Classifier} scores a text ({@link dev.rampart.classifier.ClassificationInput}) per
 * taxonomy category into {@code ClassifierScores}, and a reward scorer ({@code reward.RewardScorer}) scores a response
 * into {@code RewardScores}. Neither decides: decisions belong to {@code dev.rampart.policy}.
 *
 * <p>Because both families are one seam, the machinery in {@code runtime} (resilience, remote JSON calls) and
 * {@code onnx} (loading and running in-process models) serves both, told by the family's {@code runtime.Outcomes} how a
 * failure becomes a result. Implementations live in the sub-packages: {@code normalize} (what every classifier scans),
 * {@code pattern} (policy patterns and PII), {@code llamaguard} (remote Llama Guard 3), {@code onnx} and
 * {@code embedded} (in-process ONNX models), {@code reward} (reward scorers), {@code training} (train and eval tools)
 * and {@code runtime} (resilience, caching, micro-batching, remote calls). This package refuses implementations and
 * I/O.
 */
package dev.rampart.classifier;
