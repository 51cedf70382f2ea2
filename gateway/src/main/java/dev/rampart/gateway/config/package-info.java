/**
 * The gateway's configuration: parsed once from YAML into immutable records ({@link dev.rampart.gateway.config.GatewayConfig}),
 * read through the one configuration toolkit ({@code dev.rampart.config}) with every problem reported with its source,
 * line and path, defaults beside their records ({@code DEFAULT_*} on each {@code GatewayConfig} record). The keys and
 * defaults are also in {@code conf/gateway.schema.json} and the README's configuration table, kept equal by a test.
 */
package dev.rampart.gateway.config;
