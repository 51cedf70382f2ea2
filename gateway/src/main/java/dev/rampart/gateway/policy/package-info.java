/**
 * The policy in force on a running gateway: loading, hot reload, the classifiers built for each pack
 * ({@link dev.rampart.gateway.policy.GuardState}), and the {@link dev.rampart.gateway.policy.Verdict} a guard returns
 * (a decision with the scores it was made on). Depends on no other gateway package but config and metrics; the
 * pipeline depends on it, never the reverse.
 */
package dev.rampart.gateway.policy;
