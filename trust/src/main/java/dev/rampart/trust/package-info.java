/**
 * Identity to trust: who is calling ({@link dev.rampart.trust.Caller}), how much the gateway trusts them
 * ({@link dev.rampart.trust.TrustAssessment}, from {@link dev.rampart.trust.TrustService}), and the configuration of
 * both ({@link dev.rampart.trust.TrustConfig}). The model lives in {@code model}, credentials in {@code identity},
 * evidence storage in {@code store}.
 */
package dev.rampart.trust;
