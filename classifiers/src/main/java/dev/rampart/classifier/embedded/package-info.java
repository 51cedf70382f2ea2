/**
 * The default in-process safety classifier: the bundled int8 all-MiniLM-L6-v2 encoder with Rampart's trained
 * {@link dev.rampart.classifier.embedded.SafetyHead}, loaded once in the background
 * ({@link dev.rampart.classifier.embedded.EmbeddedModel}) and run on a micro-batching worker pool.
 */
package dev.rampart.classifier.embedded;
