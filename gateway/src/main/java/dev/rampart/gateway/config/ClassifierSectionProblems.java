package dev.rampart.gateway.config;

import dev.rampart.config.ConfigNode;
import dev.rampart.config.ConfigProblem;

/**
 * Turns the problems a classifiers-module parser reports (one {@code IllegalArgumentException} whose message holds one
 * {@code path: message} per line) into {@link ConfigProblem}s at the line of the key they name. The one place such a
 * message is split; it goes when the classifier sections read through {@link ConfigNode} themselves.
 */
final class ClassifierSectionProblems {
    private ClassifierSectionProblems() {
    }

    static void report(ConfigNode section, IllegalArgumentException e) {
        String message = e.getMessage() == null ? "is invalid" : e.getMessage();
        report(section, java.util.List.of(message.split("\n")));
    }

    /** Problems another module's parser reported as {@code path: message} lines. */
    static void report(ConfigNode section, java.util.List<String> lines) {
        for (String line : lines) {
            int colon = line.indexOf(": ");
            String path = colon > 0 ? line.substring(0, colon) : section.path();
            String text = colon > 0 ? line.substring(colon + 2) : line;
            ConfigNode at = locate(section, path);
            section.report(new ConfigProblem(section.source(), at.line(), path, text));
        }
    }

    /** The node {@code path} names below {@code section} (by plain keys), or the nearest written one above it. */
    private static ConfigNode locate(ConfigNode section, String path) {
        if (!path.startsWith(section.path() + ".")) {
            return section;
        }
        ConfigNode at = section;
        for (String key : path.substring(section.path().length() + 1).split("\\.")) {
            ConfigNode next = key.contains("[") ? at : at.isMapping() ? at.get(key) : at;
            if (!next.present()) {
                return at;
            }
            at = next;
        }
        return at;
    }
}
