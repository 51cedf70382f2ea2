/**
 * What {@code rampart train} and {@code rampart eval} run: labelled-data readers, the reproducible head trainer
 * (AdamW, fixed seed, held-out split by text hash) and binary metrics (AUPRC, AUROC, F1, precision, recall, FPR).
 * Tools only: nothing here runs in the request path.
 */
package dev.rampart.classifier.training;
