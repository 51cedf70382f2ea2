/**
 * HTTP-level concerns shared by all routes: strict JSON parsing of request bodies, and errors — the one catalogue of
 * every error Rampart sends ({@link dev.rampart.gateway.http.ApiError}), the fault that carries one
 * ({@link dev.rampart.gateway.http.ApiFault}), the one table mapping other exceptions to it by type
 * ({@link dev.rampart.gateway.http.FaultTable}) and the one writer of error bodies
 * ({@link dev.rampart.gateway.http.ErrorBody}). Refuses: building an error from string literals anywhere else.
 */
package dev.rampart.gateway.http;
