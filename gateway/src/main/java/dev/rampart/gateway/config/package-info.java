/**
 * The gateway's configuration: parsed once from YAML into immutable records ({@link dev.rampart.gateway.config.GatewayConfig}),
 * validated with every problem reported with its path, defaults in one place ({@link dev.rampart.gateway.config.Defaults}).
 */
package dev.rampart.gateway.config;
