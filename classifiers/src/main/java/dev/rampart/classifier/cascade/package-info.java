/**
 * Two-stage classification: {@link dev.rampart.classifier.cascade.CascadeClassifier} runs a fast first stage (the
 * embedded model) on every text and escalates only its uncertain band to a stronger, slower second stage (remote
 * Llama Guard, an ONNX sequence classifier), configured by {@link dev.rampart.classifier.cascade.CascadeSettings}.
 */
package dev.rampart.classifier.cascade;
