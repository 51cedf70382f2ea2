/**
 * Policy authoring tools behind {@code rampart policy validate|test|explain}: they read files and print reports;
 * the decisions themselves come from the pure engine in {@code dev.rampart.policy}.
 */
package dev.rampart.policy.tools;
