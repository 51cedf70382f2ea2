package dev.rampart.trust.identity;

import java.util.Map;

/**
 * How authority-verified attributes become authority trust in [0, 1]: each configured attribute value has a trust
 * value, an explicit trust attribute may carry a number, and the caller's authority trust is the highest of them.
 *
 * @param values     attribute name → attribute value → trust, e.g. {@code role → {clinician → 1.0}}
 * @param trustClaim name of an attribute holding an explicit trust number in [0, 1], or null
 */
public record AuthorityMapping(Map<String, Map<String, Double>> values, String trustClaim) {
    public static final AuthorityMapping DEFAULTS = new AuthorityMapping(Map.of(
            "role", Map.of("clinician", 1.0, "staff", 0.6),
            "verified", Map.of("true", 0.5)), "trust");

    public AuthorityMapping {
        values = Map.copyOf(values);
    }

    public double authority(Map<String, String> attributes) {
        double best = 0;
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            Map<String, Double> byValue = values.get(a.getKey());
            if (byValue != null && byValue.containsKey(a.getValue())) {
                best = Math.max(best, byValue.get(a.getValue()));
            }
            if (a.getKey().equals(trustClaim)) {
                try {
                    double explicit = Double.parseDouble(a.getValue());
                    if (explicit >= 0 && explicit <= 1) {
                        best = Math.max(best, explicit);
                    }
                } catch (NumberFormatException ignored) {
                    // not a number: no explicit trust
                }
            }
        }
        return best;
    }
}
