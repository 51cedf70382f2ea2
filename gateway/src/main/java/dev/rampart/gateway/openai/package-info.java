/**
 * The OpenAI API surface: routes, request validation against the public schema, the texts a request or reply
 * carries (and where to rewrite them), and the bodies the gateway answers with itself (refusals, moderations).
 */
package dev.rampart.gateway.openai;
