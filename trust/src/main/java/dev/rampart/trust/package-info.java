/**
 * Identity to trust: who is calling ({@link dev.rampart.trust.Caller}), how much the gateway trusts them
 * ({@link dev.rampart.trust.TrustAssessment}), and the history that trust is built from.
 */
package dev.rampart.trust;
