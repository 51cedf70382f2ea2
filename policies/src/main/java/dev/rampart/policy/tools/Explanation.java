package dev.rampart.policy.tools;

import dev.rampart.policy.CategoryFinding;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.ClassifierStatus;
import dev.rampart.policy.Decision;
import dev.rampart.policy.Policy;
import java.util.List;
import java.util.Locale;

/** Renders why a decision was taken: classifier scores, the threshold at the tier, the rules that fired. Pure. */
public final class Explanation {
    private Explanation() {
    }

    public static String render(Policy policy, int tier, List<ClassifierScores> scores, Decision decision) {
        StringBuilder sb = new StringBuilder();
        sb.append("decision: ").append(decision.action().wireName())
                .append(decision.contested() ? " (contested)" : "")
                .append(decision.monitoredDifference() ? " (would " + decision.wouldAction().wireName() + ")" : "")
                .append("  direction: ").append(decision.direction().wireName())
                .append("  tier: ").append(tier)
                .append("  policy: ").append(policy.name()).append(" @ ").append(decision.policyRevision()).append('\n');
        sb.append("classifiers:\n");
        for (ClassifierScores s : scores) {
            sb.append("  ").append(s.classifier()).append(": ").append(s.status().name().toLowerCase(Locale.ROOT));
            if (s.status() == ClassifierStatus.ERROR) {
                sb.append(" (").append(s.error()).append(')');
            }
            s.scores().entrySet().stream().filter(e -> e.getValue() > 0)
                    .forEach(e -> sb.append(String.format(Locale.ROOT, " %s=%.3f", e.getKey(), e.getValue())));
            sb.append('\n');
        }
        sb.append("rules:\n");
        for (CategoryFinding f : decision.findings()) {
            var rule = policy.rule(f.category()).orElseThrow();
            sb.append(String.format(Locale.ROOT, "  %-3s %-18s score=%s threshold=%.2f (tier %d%s) action=%s%s%s%n",
                    f.fired() ? "->" : "", f.category(),
                    Double.isNaN(f.score()) ? "n/a  " : String.format(Locale.ROOT, "%.3f", f.score()),
                    f.threshold(), f.tier(), rule.locked() ? ", locked" : "", rule.action().wireName(),
                    f.fired() ? (f.enforced() ? " FIRED" : " FIRED (monitor: not enforced)") : "",
                    f.classifierError() ? " (classifier error: on_error " + rule.onError().in(decision.direction()).wireName() + ")"
                            : f.contested() ? " (contested)" : ""));
        }
        if (decision instanceof Decision.Block b) {
            sb.append("refusal: ").append(b.refusalMessage()).append('\n');
        }
        return sb.toString();
    }
}
