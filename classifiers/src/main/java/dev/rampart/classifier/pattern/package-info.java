/** Deterministic detectors: the policy's regex and literal patterns, and built-in PII and secret detectors. */
package dev.rampart.classifier.pattern;
