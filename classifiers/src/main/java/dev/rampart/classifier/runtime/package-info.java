/**
 * Decorators any {@link dev.rampart.classifier.Classifier} can be wrapped in: {@link
 * dev.rampart.classifier.runtime.ResilientClassifier} (timeout, circuit breaker, bulkhead; every failure an
 * {@code ERROR} value) and {@link dev.rampart.classifier.runtime.CachingClassifier} (bounded result cache with hit
 * statistics).
 */
package dev.rampart.classifier.runtime;
