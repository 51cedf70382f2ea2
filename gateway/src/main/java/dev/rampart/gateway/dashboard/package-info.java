/**
 * The live operations dashboard on the admin port ({@code /dashboard}): a self-contained page (no CDN, no external
 * library) fed once a second over server-sent events with traffic, block rate, decisions by category and tier,
 * latency percentiles per stage, upstream health, recent decisions and the policy's reload history.
 */
package dev.rampart.gateway.dashboard;
