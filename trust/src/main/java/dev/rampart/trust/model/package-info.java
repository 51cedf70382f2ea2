/**
 * The trust model as pure functions of evidence and time: direct interaction trust (a beta-reputation model with
 * exponential decay and a cap on gains per window), fusion with authority-verified trust, and tiers.
 */
package dev.rampart.trust.model;
