package dev.rampart.gateway.decisionlog;

import java.util.Locale;

/**
 * How many replayed decisions a candidate pack may change before a replay fails: a count ({@code 25}) or a share of
 * the replayed decisions ({@code 2.5%}).
 *
 * @param limit   the count, or the percentage when {@code percent}
 * @param percent whether {@code limit} is a percentage
 */
public record ChangeBudget(double limit, boolean percent) {
    public ChangeBudget {
        if (!(limit >= 0) || percent && limit > 100) {
            throw new IllegalArgumentException("the change budget must be a count >= 0 or a percentage between 0% and "
                    + "100%, but was " + limit + (percent ? "%" : ""));
        }
    }

    /** {@code 25} or {@code 2.5%}. */
    public static ChangeBudget parse(String text) {
        String t = text.trim();
        boolean percent = t.endsWith("%");
        try {
            return new ChangeBudget(Double.parseDouble(percent ? t.substring(0, t.length() - 1) : t), percent);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the change budget must be a count like 25 or a share like 2.5%, but was '"
                    + text + "'");
        }
    }

    /** Whether {@code changed} of {@code total} decisions exceeds the budget. */
    public boolean exceededBy(int changed, int total) {
        double allowed = percent ? limit / 100.0 * total : limit;
        return changed > allowed;
    }

    @Override
    public String toString() {
        return percent ? String.format(Locale.ROOT, "%s%%", fmt(limit)) : fmt(limit);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
