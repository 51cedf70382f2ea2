/** The {@code rampart} command line: serve, demo, policy tools, training and evaluation. */
package dev.rampart.gateway.cli;
