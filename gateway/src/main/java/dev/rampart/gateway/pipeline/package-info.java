/**
 * The guard pipeline: one class ({@link dev.rampart.gateway.pipeline.GuardPipeline}) that reads top to bottom —
 * parse → identify → trust → rate limits → prompt guard → upstream → completion guard → reply — and the ports it
 * calls (classifier runner, caller identification, trust lookup, request limiter).
 */
package dev.rampart.gateway.pipeline;
