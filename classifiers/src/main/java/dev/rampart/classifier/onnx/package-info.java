/**
 * ONNX Runtime plumbing shared by the in-process models: a pure-Java WordPiece tokenizer, token windows, a session
 * wrapper ({@link dev.rampart.classifier.onnx.SequenceModel}), the sentence encoder, and the adapter for any Hugging
 * Face sequence classifier exported to ONNX ({@link dev.rampart.classifier.onnx.OnnxSequenceClassifier}).
 *
 * <p>One loader serves every in-process scorer, classifier or reward model: a configuration section's shared part is a
 * {@link dev.rampart.classifier.onnx.ModelSource} (name, files, {@code max_length}, worker pool; defaults and checks
 * beside it), {@link dev.rampart.classifier.onnx.ModelLoad} reads and checks the files collecting every problem with
 * its path, and {@link dev.rampart.classifier.onnx.LoadedModel} runs the model on a micro-batching pool, failures as
 * values through the family's {@code runtime.Outcomes}. What the outputs mean (labels to categories, attributes) is the
 * scorer's business.
 */
package dev.rampart.classifier.onnx;
