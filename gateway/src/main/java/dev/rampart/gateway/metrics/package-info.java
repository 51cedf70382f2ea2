/** Micrometer meters of the gateway, exported in Prometheus format on the admin port. */
package dev.rampart.gateway.metrics;
