package dev.rampart.gateway.decisionlog;

import dev.rampart.policy.Action;
import dev.rampart.policy.CategoryFinding;
import dev.rampart.policy.Decision;
import dev.rampart.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Re-decides logged decisions under a candidate pack and diffs what each category does: per category, how many
 * decisions it newly blocks, newly allows (it acted before and allows now) or changes otherwise (e.g. flag to
 * redact), with example decision ids. Compares what categories act ({@link CategoryFinding#acted()}), not the
 * decision's overall action, so a redaction (whose spans the log does not keep) replays as a redaction. A decision
 * counts as changed when any of its categories acts differently. Pure: the caller reads the log.
 */
public final class Replay {
    /** At most this many example decision ids per category and kind of change. */
    public static final int EXAMPLES = 3;

    private final Policy candidate;
    private final Map<String, CategoryDiff> categories = new TreeMap<>();
    private int replayed;
    private int changed;

    public Replay(Policy candidate) {
        this.candidate = candidate;
    }

    /** The change to one category over the replayed decisions. */
    public static final class CategoryDiff {
        private int newlyBlocked;
        private int newlyAllowed;
        private int otherwise;
        private final List<String> blockedExamples = new ArrayList<>();
        private final List<String> allowedExamples = new ArrayList<>();
        private final List<String> otherExamples = new ArrayList<>();

        public int newlyBlocked() {
            return newlyBlocked;
        }

        public int newlyAllowed() {
            return newlyAllowed;
        }

        public int otherwise() {
            return otherwise;
        }

        public List<String> blockedExamples() {
            return List.copyOf(blockedExamples);
        }

        public List<String> allowedExamples() {
            return List.copyOf(allowedExamples);
        }

        public List<String> otherExamples() {
            return List.copyOf(otherExamples);
        }
    }

    /** Re-decides one logged decision; returns the candidate's decision. */
    public Decision add(DecisionRecord record) {
        Decision now = candidate.decide(record.input());
        Map<String, Action> before = acted(record.findings());
        Map<String, Action> after = acted(now.findings());
        TreeMap<String, Action> all = new TreeMap<>(before);
        after.forEach(all::putIfAbsent);
        boolean differs = false;
        for (String category : all.keySet()) {
            Action was = before.getOrDefault(category, Action.ALLOW);
            Action is = after.getOrDefault(category, Action.ALLOW);
            if (was == is) {
                continue;
            }
            differs = true;
            CategoryDiff diff = categories.computeIfAbsent(category, c -> new CategoryDiff());
            if (is == Action.BLOCK) {
                diff.newlyBlocked++;
                example(diff.blockedExamples, record.decisionId());
            } else if (is == Action.ALLOW) {
                diff.newlyAllowed++;
                example(diff.allowedExamples, record.decisionId());
            } else {
                diff.otherwise++;
                example(diff.otherExamples, record.decisionId());
            }
        }
        replayed++;
        changed += differs ? 1 : 0;
        return now;
    }

    public int replayed() {
        return replayed;
    }

    /** Decisions in which at least one category acts differently under the candidate. */
    public int changed() {
        return changed;
    }

    /** Categories that changed, by id. */
    public Map<String, CategoryDiff> categories() {
        return java.util.Collections.unmodifiableMap(categories);
    }

    private static Map<String, Action> acted(List<CategoryFinding> findings) {
        Map<String, Action> out = new TreeMap<>();
        findings.forEach(f -> out.put(f.category(), f.acted()));
        return out;
    }

    private static void example(List<String> examples, String id) {
        if (examples.size() < EXAMPLES) {
            examples.add(id);
        }
    }
}
