/**
 * ONNX Runtime plumbing shared by the in-process models: a pure-Java WordPiece tokenizer, token windows, a session
 * wrapper, the sentence encoder, and the adapter for any Hugging Face sequence classifier exported to ONNX.
 */
package dev.rampart.classifier.onnx;
