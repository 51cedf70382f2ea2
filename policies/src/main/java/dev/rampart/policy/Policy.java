package dev.rampart.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A compiled, validated, immutable policy: the taxonomy, one rule per category, and settings. {@link #decide} is a
 * pure function of the classifier scores, the direction and the caller's trust tier.
 *
 * <p>Semantics, in order:
 * <ol>
 *   <li>Scores of several classifiers for one category combine by maximum.</li>
 *   <li>A category fires when the combined score reaches the rule's threshold at the caller's tier (the tier-0
 *       threshold for locked rules). If a classifier responsible for the category ({@code covers}) failed, the rule's
 *       {@code on_error} for the direction applies: {@code block} fires the category with the rule's action (fail
 *       closed), {@code flag} fires it as a flag, {@code allow} does not fire it.</li>
 *   <li>Only enforced rules act ({@link Mode}); a rule in monitor mode fires and is recorded, but acts allow.</li>
 *   <li>Precedence: block &gt; redact &gt; flag &gt; allow. A redaction without any located span becomes a block:
 *       what cannot be located cannot be redacted.</li>
 *   <li>A finding is contested when its combined score lies within the contest margin of the threshold, or when the
 *       classifiers with evidence on the category disagree across the threshold (one at or above, one below). A
 *       classifier without evidence on a category (it did not score it) casts no vote.</li>
 * </ol>
 */
public final class Policy {
    public static final int MAX_TIER = 3;

    private final String name;
    private final String revision;
    private final List<Category> categories;
    private final Map<String, Category> byId;
    private final Map<String, Rule> rules;
    private final PromptBlockReply promptBlockReply;
    private final String refusalMessage;
    private final String redactionText;
    private final double contestMargin;
    private final StreamingSettings streaming;
    private final Mode mode;
    private final Map<Direction, Set<String>> byDirection;

    private final RewardPolicy reward;

    Policy(String name, String revision, List<Category> categories, Map<String, Rule> rules,
           PromptBlockReply promptBlockReply, String refusalMessage, String redactionText, double contestMargin,
           StreamingSettings streaming, RewardPolicy reward, Mode mode) {
        this.name = name;
        this.mode = mode;
        this.reward = reward;
        this.revision = revision;
        this.categories = List.copyOf(categories);
        Map<String, Category> ids = new LinkedHashMap<>();
        categories.forEach(c -> ids.put(c.id(), c));
        this.byId = Map.copyOf(ids);
        Map<String, Rule> ordered = new LinkedHashMap<>();
        for (Category c : categories) {
            if (rules.containsKey(c.id())) {
                ordered.put(c.id(), rules.get(c.id()));
            }
        }
        this.rules = java.util.Collections.unmodifiableMap(ordered);
        this.promptBlockReply = promptBlockReply;
        this.refusalMessage = refusalMessage;
        this.redactionText = redactionText;
        this.contestMargin = contestMargin;
        this.streaming = streaming;
        Map<Direction, Set<String>> dirs = new java.util.EnumMap<>(Direction.class);
        for (Direction d : Direction.values()) {
            Set<String> ids2 = new LinkedHashSet<>();
            ordered.values().stream().filter(r -> r.directions().contains(d)).forEach(r -> ids2.add(r.category()));
            dirs.put(d, java.util.Collections.unmodifiableSet(ids2));
        }
        this.byDirection = dirs;
    }

    public String name() {
        return name;
    }

    /** Short content hash of the resolved policy; every decision carries it. */
    public String revision() {
        return revision;
    }

    public List<Category> categories() {
        return categories;
    }

    public Optional<Category> category(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Rules in taxonomy order. */
    public Map<String, Rule> rules() {
        return rules;
    }

    public Optional<Rule> rule(String category) {
        return Optional.ofNullable(rules.get(category));
    }

    /** Category ids that have a rule for this direction. */
    public Set<String> categoriesFor(Direction direction) {
        return byDirection.get(direction);
    }

    public PromptBlockReply promptBlockReply() {
        return promptBlockReply;
    }

    public String refusalMessage() {
        return refusalMessage;
    }

    public String redactionText() {
        return redactionText;
    }

    public double contestMargin() {
        return contestMargin;
    }

    /** What the policy does with reward-model scores of responses; empty when it does not score them. */
    public Optional<RewardPolicy> reward() {
        return Optional.ofNullable(reward);
    }

    public StreamingSettings streaming() {
        return streaming;
    }

    /** The pack's mode: rules without a mode of their own take it. */
    public Mode mode() {
        return mode;
    }

    public int maxTier() {
        return MAX_TIER;
    }

    /** Applies the policy to the classifier results for one text. Pure: no I/O, no clock, no randomness. */
    public Decision decide(Direction direction, int tier, List<ClassifierScores> results) {
        return decide(DecisionInput.of(direction, Math.max(0, Math.min(MAX_TIER, tier)), results));
    }

    /**
     * Decides on an input — a fresh one, or one read back from the decision log to re-decide it under this pack.
     * Pure: no I/O, no clock, no randomness.
     */
    public Decision decide(DecisionInput input) {
        Direction direction = input.direction();
        List<ClassifierScores> results = input.classifiers();
        List<CategoryFinding> findings = new ArrayList<>();
        Action strictest = Action.ALLOW;
        String blockMessage = null;
        Set<String> redactCategories = new LinkedHashSet<>();
        boolean contested = false;
        for (Rule rule : rules.values()) {
            if (!rule.directions().contains(direction)) {
                continue;
            }
            CategoryFinding finding = evaluate(rule, direction, input.tier(), results);
            findings.add(finding);
            contested |= finding.contested();
            Action acted = finding.acted();
            if (acted == Action.ALLOW) {
                continue;
            }
            strictest = Action.strictest(strictest, acted);
            if (acted == Action.BLOCK && blockMessage == null) {
                blockMessage = rule.message() != null ? rule.message() : refusalMessage;
            }
            if (acted == Action.REDACT) {
                redactCategories.add(rule.category());
            }
        }
        if (strictest == Action.REDACT) {
            List<Span> spans = spans(results, redactCategories);
            if (spans.isEmpty()) {
                return new Decision.Block(revision, direction, findings, contested, refusalMessage);
            }
            return new Decision.Redact(revision, direction, findings, contested, spans, redactionText);
        }
        return switch (strictest) {
            case BLOCK -> new Decision.Block(revision, direction, findings, contested, blockMessage);
            case FLAG -> new Decision.Flag(revision, direction, findings, contested);
            default -> new Decision.Allow(revision, direction, findings, contested);
        };
    }

    private CategoryFinding evaluate(Rule rule, Direction direction, int tier, List<ClassifierScores> results) {
        String id = rule.category();
        double threshold = rule.threshold(tier);
        double max = Double.NaN;
        boolean below = false;
        String maxClassifier = null;
        boolean errored = false;
        for (ClassifierScores r : results) {
            if (r.hasEvidence(id)) {
                double s = r.scores().get(id);
                if (Double.isNaN(max) || s > max) {
                    max = s;
                    maxClassifier = r.classifier();
                }
                below |= s < threshold;
            } else if (r.status() == ClassifierStatus.ERROR && r.covers().contains(id)) {
                errored = true;
            }
        }
        boolean scoredFire = !Double.isNaN(max) && max >= threshold;
        Action onError = rule.onError().in(direction);
        boolean errorFire = errored && !scoredFire && onError != Action.ALLOW;
        Action action = scoredFire || (errorFire && onError == Action.BLOCK) ? rule.action()
                : errorFire && rule.action() != Action.ALLOW ? Action.FLAG : Action.ALLOW;
        boolean fired = scoredFire || errorFire;
        boolean nearThreshold = !Double.isNaN(max) && Math.abs(max - threshold) < contestMargin;
        boolean disagree = scoredFire && below; // voters on both sides of the threshold
        return new CategoryFinding(id, action, fired, max, threshold, rule.effectiveTier(tier), maxClassifier,
                nearThreshold || disagree, errored && !scoredFire, rule.modeUnder(mode) == Mode.ENFORCE);
    }

    /** Spans of the given categories from successful results, sorted and with overlaps merged. */
    private static List<Span> spans(List<ClassifierScores> results, Set<String> categories) {
        List<Span> all = new ArrayList<>();
        for (ClassifierScores r : results) {
            if (r.status() == ClassifierStatus.OK) {
                r.spans().stream().filter(s -> categories.contains(s.category())).forEach(all::add);
            }
        }
        return Span.merge(all);
    }
}
