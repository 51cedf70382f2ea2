/**
 * What classifiers read: Unicode folding, invisible characters, confusables and encoded segments
 * ({@link dev.rampart.classifier.normalize.TextNormalizer}), the extra readings that undo hiding tricks
 * ({@link dev.rampart.classifier.normalize.TextViews}: tag characters, bidi order, spelled letters, leetspeak, ROT13,
 * reversed, nested encodings), the English check ({@link dev.rampart.classifier.normalize.LanguageGuess}) and the bound
 * on what one text may cost ({@link dev.rampart.classifier.normalize.ReadLimit}). It never changes what the upstream
 * receives and never decides: it only says what a text can be read as.
 */
package dev.rampart.classifier.normalize;
