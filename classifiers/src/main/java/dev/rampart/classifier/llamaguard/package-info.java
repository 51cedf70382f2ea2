/**
 * The remote Llama Guard 3 classifier for vLLM and other OpenAI-compatible servers: the prompt rendered from the
 * policy's taxonomy ({@link dev.rampart.classifier.llamaguard.LlamaGuardPrompt}), the answer and its log-probabilities
 * read into scores ({@link dev.rampart.classifier.llamaguard.LlamaGuardAnswer}), and the classifier itself
 * ({@link dev.rampart.classifier.llamaguard.RemoteLlamaGuardClassifier}) with its configuration
 * ({@link dev.rampart.classifier.llamaguard.LlamaGuardConfig}). Requests go through {@code runtime.JsonEndpoint} and
 * are protected by {@code runtime.ResilientScorer}, as the remote reward scorer's are.
 */
package dev.rampart.classifier.llamaguard;
