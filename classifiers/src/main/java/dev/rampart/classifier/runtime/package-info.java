/**
 * The machinery shared by every {@link dev.rampart.classifier.Scorer}, classifier or reward scorer:
 * {@link dev.rampart.classifier.runtime.ResilientScorer} (timeout, circuit breaker, bulkhead; limits in
 * {@link dev.rampart.classifier.runtime.ResilienceSettings}, defaults beside them), told by a family's
 * {@link dev.rampart.classifier.runtime.Outcomes} how a failure becomes a result value;
 * {@link dev.rampart.classifier.runtime.JsonEndpoint} (one bounded JSON POST with timeouts and an optional bearer key,
 * used by the remote Llama Guard classifier and the remote reward scorer; replies bounded by
 * {@link dev.rampart.classifier.runtime.BoundedBody}); {@link dev.rampart.classifier.runtime.MicroBatcher} (the worker
 * pool of in-process models); and {@link dev.rampart.classifier.runtime.CachingClassifier} (bounded result cache with
 * hit statistics, classifiers only).
 *
 * <p>It owns no model and no wire format: what a request body says and how a reply is read belongs to each client;
 * what a score means belongs to the policy. Nothing here logs or keeps text.
 */
package dev.rampart.classifier.runtime;
