package dev.rampart.policy;

/**
 * One problem found in a policy file.
 *
 * @param file    the file it is in
 * @param line    1-based line, or 0 when unknown
 * @param path    where in the document, e.g. {@code rules[3].thresholds.tier0}
 * @param message what is wrong and what the value was
 */
public record PolicyProblem(String file, int line, String path, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
