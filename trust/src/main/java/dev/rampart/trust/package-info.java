/**
 * Identity to trust: who is calling ({@link dev.rampart.trust.Caller}) and how much the gateway trusts them
 * ({@link dev.rampart.trust.TrustAssessment}). The trust model and its stores are tracked in issue #5.
 */
package dev.rampart.trust;
