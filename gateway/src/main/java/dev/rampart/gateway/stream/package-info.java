/**
 * Server-sent events: parsing the upstream's stream, relaying it to the client with backpressure, the
 * {@link dev.rampart.gateway.stream.StreamGuard} hook through which streamed completions are moderated, and the
 * {@link dev.rampart.gateway.stream.StreamFormat}s that say where an event's text is (chat and text completion chunks,
 * Responses API events) and write the gateway's own events into such a stream.
 */
package dev.rampart.gateway.stream;
