/**
 * The classifier SPI and its implementations. A {@link dev.rampart.classifier.Classifier} scores a text per
 * taxonomy category and never decides: decisions belong to {@code dev.rampart.policy}.
 */
package dev.rampart.classifier;
