/**
 * Where trust evidence lives: the {@link dev.rampart.trust.store.TrustStore} SPI and its embedded implementation
 * (H2 MVStore, durable across restarts and crashes).
 */
package dev.rampart.trust.store;
