/**
 * Upstream LLM endpoints: routing by model (configured or discovered), the HTTP client, and the Resilience4j guards
 * around each upstream (bulkhead, circuit breaker, retry before the first byte, fallback).
 */
package dev.rampart.gateway.upstream;
