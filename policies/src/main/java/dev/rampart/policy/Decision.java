package dev.rampart.policy;

import java.util.List;

/**
 * The outcome of applying a policy to one text. A decision is a value, never an exception:
 * {@link Allow}, {@link Flag}, {@link Redact} or {@link Block}. Each carries the revision of the policy that made it,
 * every category finding (fired or not, so decisions can be explained and replayed), and whether it is contested.
 * Findings of rules in {@link Mode#MONITOR} never act: the decision keeps what they would have done
 * ({@link #wouldAction()}, {@link #monitoredCategories()}).
 */
public sealed interface Decision permits Decision.Allow, Decision.Flag, Decision.Redact, Decision.Block {

    /** Content hash of the compiled policy that made this decision. */
    String policyRevision();

    /** The direction the text came from. */
    Direction direction();

    /** Every category the policy evaluated for this direction, fired or not. */
    List<CategoryFinding> findings();

    /** Near-threshold scores or disagreeing classifiers: worth an operator's review. */
    boolean contested();

    Action action();

    /** Ids of the enforced categories that fired, in taxonomy order (monitored ones: {@link #monitoredCategories}). */
    default List<String> firedCategories() {
        return findings().stream().filter(f -> f.fired() && f.enforced()).map(CategoryFinding::category).toList();
    }

    /** Ids of the categories that fired in monitor mode: they would have acted, but did not. */
    default List<String> monitoredCategories() {
        return findings().stream().filter(CategoryFinding::monitored).map(CategoryFinding::category).toList();
    }

    /**
     * What the decision would have done with every rule enforced: the stricter of {@link #action()} and the action of
     * every monitored finding. Equal to {@link #action()} when nothing is monitored.
     */
    default Action wouldAction() {
        Action would = action();
        for (CategoryFinding f : findings()) {
            if (f.fired()) {
                would = Action.strictest(would, f.action());
            }
        }
        return would;
    }

    /** Monitor mode let through something an enforced policy would have treated more strictly. */
    default boolean monitoredDifference() {
        return wouldAction() != action();
    }

    record Allow(String policyRevision, Direction direction, List<CategoryFinding> findings, boolean contested)
            implements Decision {
        public Allow {
            findings = List.copyOf(findings);
        }

        @Override
        public Action action() {
            return Action.ALLOW;
        }
    }

    record Flag(String policyRevision, Direction direction, List<CategoryFinding> findings, boolean contested)
            implements Decision {
        public Flag {
            findings = List.copyOf(findings);
        }

        @Override
        public Action action() {
            return Action.FLAG;
        }
    }

    /**
     * Replace the given spans of the original text before it travels on.
     *
     * @param spans non-overlapping spans sorted by start, in original-text coordinates
     * @param replacement the text each span is replaced with, e.g. {@code [REDACTED:pii]}; may contain {@code {category}}
     */
    record Redact(String policyRevision, Direction direction, List<CategoryFinding> findings, boolean contested,
                  List<Span> spans, String replacement) implements Decision {
        public Redact {
            findings = List.copyOf(findings);
            spans = List.copyOf(spans);
        }

        @Override
        public Action action() {
            return Action.REDACT;
        }

        /** Applies the redaction to the text the spans refer to. */
        public String apply(String original) {
            StringBuilder out = new StringBuilder(original.length());
            int at = 0;
            for (Span span : spans) {
                if (span.start() < at || span.end() > original.length()) {
                    continue;
                }
                out.append(original, at, span.start());
                out.append(replacement.replace("{category}", span.category()));
                at = span.end();
            }
            out.append(original, at, original.length());
            return out.toString();
        }
    }

    /** Stop the text. {@code refusalMessage} is the message of the rule that fired with the highest precedence. */
    record Block(String policyRevision, Direction direction, List<CategoryFinding> findings, boolean contested,
                 String refusalMessage) implements Decision {
        public Block {
            findings = List.copyOf(findings);
        }

        @Override
        public Action action() {
            return Action.BLOCK;
        }
    }
}
