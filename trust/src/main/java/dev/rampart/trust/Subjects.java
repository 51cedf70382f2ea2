package dev.rampart.trust;

/**
 * Subject names. A principal is what authenticated ({@code key:<id>}, {@code jwt:<iss>:<sub>}); a sub-subject is a
 * principal's OpenAI {@code user} ({@code key:<id>/user:<user>}). History and operator overrides live at both
 * levels; a sub-subject's trust can only make its principal's stricter, never laxer.
 */
public final class Subjects {
    /** What joins a principal and its user in a sub-subject. */
    public static final String USER_SEPARATOR = "/user:";
    /** Longest {@code user} value accepted (longer is a 400 with {@code param: user}). */
    public static final int MAX_USER_LENGTH = 256;

    private Subjects() {
    }

    /** The sub-subject of a principal's user; the user is sanitised to {@code [A-Za-z0-9_.@-]}. */
    public static String sub(String principal, String user) {
        return principal + USER_SEPARATOR + sanitize(user);
    }

    /** The sanitised form of a {@code user} value, or null for a missing or blank one. */
    public static String sanitize(String user) {
        if (user == null || user.isBlank()) {
            return null;
        }
        return user.replaceAll("[^A-Za-z0-9_.@-]", "_");
    }

    /** The principal of a subject (itself when it is one). */
    public static String principal(String subject) {
        int at = subject.indexOf(USER_SEPARATOR);
        return at < 0 ? subject : subject.substring(0, at);
    }

    /** Whether the subject is a principal's sub-subject. */
    public static boolean isSub(String subject) {
        return subject.contains(USER_SEPARATOR);
    }

    /** The user part of a sub-subject, or null for a principal. */
    public static String user(String subject) {
        int at = subject.indexOf(USER_SEPARATOR);
        return at < 0 ? null : subject.substring(at + USER_SEPARATOR.length());
    }
}
