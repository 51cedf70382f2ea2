/** The policy in force on a running gateway: loading, hot reload, and the classifiers built for it. */
package dev.rampart.gateway.policy;
