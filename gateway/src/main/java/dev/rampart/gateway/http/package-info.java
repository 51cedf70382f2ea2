/**
 * HTTP-level concerns shared by all routes: strict JSON parsing of request bodies, and the one mapping from faults to
 * OpenAI-shaped errors ({@link dev.rampart.gateway.http.OpenAiErrors}).
 */
package dev.rampart.gateway.http;
