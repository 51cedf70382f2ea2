/**
 * Trust-aware rate limits: requests per second, concurrent requests and token budgets (per minute and per UTC day)
 * per API key, tenant and subject, with limits that scale with the caller's trust tier. Counters live in a
 * {@link dev.rampart.trust.limits.RateCounters}: embedded (one node) or Redis (shared by replicas, each check one
 * atomic Lua script). Owns the limits and the counting; the
 * gateway owns the HTTP answer ({@code 429 rate_limit_exceeded}, {@code Retry-After}, {@code x-ratelimit-*}).
 */
package dev.rampart.trust.limits;
