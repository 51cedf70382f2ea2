/**
 * The decision log: one JSON line per guard decision, durable within a second, rotated by size, pseudonymous
 * (subjects are keyed hashes, texts are hashes), readable back even when the last line was torn by a crash.
 */
package dev.rampart.gateway.decisionlog;
