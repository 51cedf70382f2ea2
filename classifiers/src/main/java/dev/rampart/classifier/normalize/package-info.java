/** Text normalisation before classification: Unicode folding, invisible characters, confusables, encoded segments. */
package dev.rampart.classifier.normalize;
