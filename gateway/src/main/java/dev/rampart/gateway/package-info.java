/** The Rampart gateway: its entry point ({@link dev.rampart.gateway.Main}) and the packages that make up the server. */
package dev.rampart.gateway;
