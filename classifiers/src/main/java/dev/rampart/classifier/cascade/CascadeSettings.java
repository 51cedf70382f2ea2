package dev.rampart.classifier.cascade;

import dev.rampart.classifier.config.ConfigReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * When the cascade asks its second stage. The first stage's highest category score decides: below {@code passBelow}
 * the text is clearly safe and the first stage's scores stand; at or above {@code decideAt} it is clearly unsafe and
 * they stand too; in between, the second stage is asked.
 *
 * @param name          the cascade's name in decisions, metrics and logs
 * @param passBelow     first-stage scores below this are final (clearly safe), in [0, 1]
 * @param decideAt      first-stage scores at or above this are final (clearly unsafe), in [passBelow, 1]
 * @param onSecondError what a failed second stage yields
 */
public record CascadeSettings(String name, double passBelow, double decideAt, OnSecondError onSecondError) {
    /** What the cascade answers when the second stage fails on an escalated text. */
    public enum OnSecondError {
        /** An {@code ERROR} value naming the second stage: the policy's {@code on_error} applies. */
        ERROR,
        /** The first stage's scores, as if there were no second stage. */
        FIRST_STAGE
    }

    /** Name {@code cascade}, band [0.2, 0.8), a failed second stage is an {@code ERROR}. */
    public static final CascadeSettings DEFAULTS = new CascadeSettings("cascade", 0.2, 0.8, OnSecondError.ERROR);

    public CascadeSettings {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add("name must not be blank");
        }
        if (!(passBelow >= 0 && passBelow <= 1)) {
            problems.add("pass_below must be in [0, 1], but was " + passBelow);
        }
        if (!(decideAt >= 0 && decideAt <= 1)) {
            problems.add("decide_at must be in [0, 1], but was " + decideAt);
        } else if (decideAt < passBelow) {
            problems.add("decide_at (" + decideAt + ") must not be below pass_below (" + passBelow + ")");
        }
        if (onSecondError == null) {
            problems.add("on_second_error must be error or first_stage");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /**
     * Reads {@code {name, pass_below, decide_at, on_second_error}}; absent keys take {@link #DEFAULTS}, unknown keys
     * are refused.
     *
     * @param yaml the mapping
     * @param path where it is in the file (e.g. {@code classifiers.cascade}), prefixed to every problem
     * @throws IllegalArgumentException listing every problem, each with its path
     */
    public static CascadeSettings parse(Map<String, ?> yaml, String path) {
        ConfigReader r = new ConfigReader(yaml, path);
        r.allow(List.of("name", "pass_below", "decide_at", "on_second_error"));
        String name = r.string("name", DEFAULTS.name());
        double passBelow = fraction(r, "pass_below", DEFAULTS.passBelow());
        double decideAt = fraction(r, "decide_at", DEFAULTS.decideAt());
        String onError = r.string("on_second_error", "error");
        OnSecondError mode = switch (onError.toLowerCase(Locale.ROOT)) {
            case "error" -> OnSecondError.ERROR;
            case "first_stage" -> OnSecondError.FIRST_STAGE;
            default -> {
                r.problem("on_second_error", "must be error or first_stage, but was '" + onError + "'");
                yield DEFAULTS.onSecondError();
            }
        };
        List<String> problems = new ArrayList<>(r.problems());
        if (problems.isEmpty()) {
            try {
                return new CascadeSettings(name, passBelow, decideAt, mode);
            } catch (IllegalArgumentException e) {
                problems.add(path + ": " + e.getMessage());
            }
        }
        throw new IllegalArgumentException(String.join("\n", problems));
    }

    private static double fraction(ConfigReader r, String key, double fallback) {
        Object v = r.raw(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1) {
            return n.doubleValue();
        }
        r.problem(key, "must be a number in [0, 1], but was '" + v + "'");
        return fallback;
    }
}
