/**
 * The listeners: the public OpenAI port and the admin port, and the assembly of a whole gateway
 * ({@link dev.rampart.gateway.server.Gateway}) from its configuration.
 */
package dev.rampart.gateway.server;
