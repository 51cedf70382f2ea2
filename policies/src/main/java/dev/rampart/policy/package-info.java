/**
 * The policy engine: a validated, immutable {@link dev.rampart.policy.Policy} compiled from a YAML taxonomy,
 * and the pure function that turns classifier scores into a {@link dev.rampart.policy.Decision}.
 *
 * <p>This package owns the vocabulary every other module shares: {@link dev.rampart.policy.Direction},
 * {@link dev.rampart.policy.Action}, {@link dev.rampart.policy.ClassifierScores} and the decision values.
 * It performs no I/O in the decision path and does not depend on Vert.x.
 */
package dev.rampart.policy;
