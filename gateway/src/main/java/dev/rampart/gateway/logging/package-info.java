/**
 * Logging set-up: the request id of the request being served, carried by its Vert.x context (so it survives every
 * asynchronous hop of the pipeline), copied into the SLF4J MDC for each log statement by {@link RequestIdTurboFilter}
 * and written by the text and JSON encoders of {@code logback.xml} ({@code RAMPART_LOG_FORMAT=text|json}). It owns no
 * log statements and never sees prompt or completion text.
 */
package dev.rampart.gateway.logging;
