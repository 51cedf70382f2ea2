/**
 * Server-sent events: parsing the upstream's stream, relaying it to the client with backpressure, and the
 * {@link dev.rampart.gateway.stream.StreamGuard} hook through which streamed completions are moderated.
 */
package dev.rampart.gateway.stream;
