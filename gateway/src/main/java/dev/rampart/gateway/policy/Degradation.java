package dev.rampart.gateway.policy;

import dev.rampart.policy.CategoryFinding;
import dev.rampart.policy.Decision;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells an outage from a verdict: a category whose classifier failed either fails closed (the decision blocks, but on
 * no evidence about the text) or fails open (the text passes unchecked for that category). Clients and dashboards must
 * be able to tell either from a judgement on the content.
 */
public final class Degradation {
    private Degradation() {
    }

    /** Whether a block rests only on failed classifiers: every fired category fired because its classifier failed. */
    public static boolean outageOnly(Decision decision) {
        if (!(decision instanceof Decision.Block)) {
            return false;
        }
        boolean any = false;
        for (CategoryFinding f : decision.findings()) {
            if (f.fired() && f.enforced()) { // a monitored finding did not make the block
                if (!f.classifierError()) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /** The categories that passed unchecked because their classifier failed and their {@code on_error} lets it pass. */
    public static List<String> failedOpen(Decision decision) {
        List<String> out = new ArrayList<>();
        if (decision == null) {
            return out;
        }
        for (CategoryFinding f : decision.findings()) {
            if (f.classifierError() && !f.fired() && !out.contains(f.category())) {
                out.add(f.category());
            }
        }
        return out;
    }
}
