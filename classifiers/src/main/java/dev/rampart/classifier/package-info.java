/**
 * The classifier SPI: a {@link dev.rampart.classifier.Classifier} scores a text per taxonomy category and never
 * decides (decisions belong to {@code dev.rampart.policy}). Implementations live in the sub-packages: {@code normalize}
 * (what every classifier scans), {@code pattern} (policy patterns and PII), {@code llamaguard} (remote Llama Guard 3),
 * {@code onnx} and {@code embedded} (in-process ONNX models), {@code reward} (reward scorers), {@code training}
 * (train and eval tools) and {@code runtime} (caching, resilience and micro-batching).
 */
package dev.rampart.classifier;
