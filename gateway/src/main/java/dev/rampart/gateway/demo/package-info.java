/** The built-in mock upstream LLM that {@code ./rampart demo} and the benchmarks run against. */
package dev.rampart.gateway.demo;
