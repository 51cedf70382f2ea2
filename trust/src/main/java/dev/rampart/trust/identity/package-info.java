/**
 * Who is calling: API keys (stored as SHA-256 hashes, compared in constant time) mapped to a subject, a tenant and
 * authority attributes, and the authority-verified trust those attributes give.
 */
package dev.rampart.trust.identity;
