package dev.rampart.classifier.pattern;

import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.normalize.LanguageGuess;
import dev.rampart.classifier.normalize.NormalizedText;
import dev.rampart.classifier.normalize.ReadLimit;
import dev.rampart.classifier.normalize.TextNormalizer;
import dev.rampart.policy.Category;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The policy's deterministic detectors: each category's {@code regex} and {@code literal} patterns, matched
 * case-insensitively on the scanning form of the text (see {@link TextNormalizer#normalize}: look-alikes, invisible
 * characters, accents, leetspeak and encoded segments folded; non-ASCII letters of a pattern are folded the same
 * way), and its {@code builtin} detectors ({@link PiiDetectors}), matched on the case-preserving clean form, and the
 * language check {@code language:non_english} ({@link LanguageGuess}: scores the whole text, no span). The scanning form
 * carries the text's {@link dev.rampart.classifier.normalize.TextViews} (tag characters, visual order, joined letters,
 * leetspeak, ROT13, reversed, nested encodings), so a pattern matches a phrase hidden by any of them. A text over the
 * {@link ReadLimit} is an {@code ERROR} that says so.
 * A category scores the highest score of its matching patterns (1.0 unless the pattern says less), with the matched
 * spans in original-text coordinates. A category without a match is left out of the scores: a pattern miss is no
 * evidence that a text is safe, so patterns never vote against a model ({@link ClassifierScores#hasEvidence}).
 * Matching is cheap and runs on the caller's thread; a pattern that exceeds its linear matching budget (catastrophic
 * backtracking) makes the whole run an {@code ERROR}, so the policy's {@code on_error} applies.
 */
public final class PatternClassifier implements Classifier {
    public static final String NAME = "patterns";
    private static final long BUDGET_PER_CHAR = 400;
    private static final long BUDGET_BASE = 100_000;

    /** A compiled pattern with its prefilter (null: always run) and the score a match gives. */
    private record Compiled(Pattern pattern, LiteralPrefilter prefilter, double score) {
    }

    private record Builtin(String name, double score) {
    }

    private record CompiledCategory(String id, List<Compiled> patterns, List<Builtin> builtins) {
    }

    /** The language check: fires on text that is not English ({@link LanguageGuess}). */
    public static final String NON_ENGLISH = "language:non_english";
    /** Every name a policy may use under {@code builtin:}: the {@link PiiDetectors} and {@link #NON_ENGLISH}. */
    public static final Set<String> BUILTINS;

    static {
        Set<String> names = new java.util.TreeSet<>(PiiDetectors.NAMES);
        names.add(NON_ENGLISH);
        BUILTINS = Set.copyOf(names);
    }

    private final ReadLimit limit;
    private final List<CompiledCategory> categories = new ArrayList<>();
    private final List<String> covers = new ArrayList<>();

    /** With the default {@link ReadLimit}. */
    public PatternClassifier(List<Category> taxonomy) {
        this(taxonomy, ReadLimit.DEFAULTS);
    }

    /**
     * @param taxonomy the policy's categories; those with patterns are scored
     * @param limit    the longest text read; a longer one is an {@code ERROR} saying so ({@code on_error} applies)
     */
    public PatternClassifier(List<Category> taxonomy, ReadLimit limit) {
        this.limit = limit;
        for (Category c : taxonomy) {
            List<Compiled> patterns = new ArrayList<>();
            List<Builtin> builtins = new ArrayList<>();
            for (Category.Pattern p : c.patterns()) {
                switch (p.kind()) {
                    case REGEX -> patterns.add(new Compiled(regex(c.id(), p.value()),
                            LiteralPrefilter.of(p.value()), p.score()));
                    case LITERAL -> patterns.add(new Compiled(literal(p.value()),
                            LiteralPrefilter.ofWord(TextNormalizer.normalize(p.value().trim()).mainText().split(" ")[0]),
                            p.score()));
                    case BUILTIN -> {
                        if (!BUILTINS.contains(p.value())) {
                            throw new IllegalArgumentException("category " + c.id() + ": unknown builtin detector '"
                                    + p.value() + "', known: " + new java.util.TreeSet<>(BUILTINS));
                        }
                        builtins.add(new Builtin(p.value(), p.score()));
                    }
                    default -> throw new IllegalArgumentException("unknown pattern kind " + p.kind());
                }
            }
            if (!patterns.isEmpty() || !builtins.isEmpty()) {
                categories.add(new CompiledCategory(c.id(), patterns, builtins));
                covers.add(c.id());
            }
        }
    }

    /** A policy regex, its non-ASCII letters folded like the scanned text, matched case-insensitively. */
    static Pattern regex(String category, String value) {
        try {
            return Pattern.compile(TextNormalizer.foldPattern(value), Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("category " + category + ": invalid regex '" + value + "': "
                    + e.getDescription() + " at index " + e.getIndex(), e);
        }
    }

    /** A literal term: case-insensitive, on word boundaries, any run of whitespace between its words. */
    static Pattern literal(String term) {
        String[] words = TextNormalizer.normalize(term.trim()).mainText().split(" ");
        StringBuilder regex = new StringBuilder("(?<![\\p{L}\\p{N}])");
        for (int i = 0; i < words.length; i++) {
            if (i > 0) {
                regex.append("\\s+");
            }
            regex.append(Pattern.quote(words[i]));
        }
        regex.append("(?![\\p{L}\\p{N}])");
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Category ids this classifier scores. */
    public List<String> covers() {
        return List.copyOf(covers);
    }

    /** Scans {@code input.text()} on the caller's thread (cheap and bounded) and returns a completed stage. */
    @Override
    public CompletionStage<ClassifierScores> classify(ClassificationInput input) {
        try {
            return CompletableFuture.completedFuture(scan(input.text()));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(
                    ClassifierScores.error(NAME, covers, "pattern matching failed: " + e.getClass().getSimpleName()));
        }
    }

    /**
     * Scans synchronously: patterns on the scanning form of the text ({@link TextNormalizer#normalize}, with its
     * decoded and leetspeak variants), builtin detectors on its case-preserving clean form
     * ({@link TextNormalizer#clean}); every span is in original-text coordinates.
     */
    public ClassifierScores scan(String original) {
        java.util.Optional<String> refused = limit.refusal(original);
        if (refused.isPresent()) {
            return ClassifierScores.error(NAME, covers, refused.get());
        }
        NormalizedText normalized = TextNormalizer.normalize(original);
        NormalizedText clean = null;
        Map<String, Double> scores = new LinkedHashMap<>();
        Set<Span> spans = new LinkedHashSet<>();
        try {
            for (CompiledCategory c : categories) {
                double score = 0.0;
                for (Compiled p : c.patterns()) {
                    if (p.prefilter() != null && !p.prefilter().mayMatch(normalized.text())) {
                        continue;
                    }
                    Matcher m = p.pattern().matcher(budgeted(normalized.text()));
                    while (m.find()) {
                        if (m.end() > m.start()) {
                            spans.add(normalized.originalSpan(m.start(), m.end(), c.id()));
                            score = Math.max(score, p.score());
                        }
                    }
                }
                if (clean == null && c.builtins().stream().anyMatch(b -> !b.name().equals(NON_ENGLISH))) {
                    clean = TextNormalizer.clean(original);
                }
                for (Builtin builtin : c.builtins()) {
                    if (builtin.name().equals(NON_ENGLISH)) {
                        if (LanguageGuess.check(original).nonEnglish()) {
                            score = Math.max(score, builtin.score());
                        }
                        continue;
                    }
                    NormalizedText text = clean;
                    boolean[] found = {false};
                    PiiDetectors.find(builtin.name(), budgeted(text.text()), (s, e) -> {
                        spans.add(text.originalSpan(s, e, c.id()));
                        found[0] = true;
                    });
                    if (found[0]) {
                        score = Math.max(score, builtin.score());
                    }
                }
                if (score > 0) {
                    scores.put(c.id(), score);
                }
            }
        } catch (BudgetedText.BudgetExceeded e) {
            return ClassifierScores.error(NAME, covers, "pattern matching budget exceeded");
        } catch (StackOverflowError e) {
            return ClassifierScores.error(NAME, covers, "pattern matching recursion too deep");
        }
        return ClassifierScores.ok(NAME, scores, new ArrayList<>(spans), covers);
    }

    private static CharSequence budgeted(String text) {
        return new BudgetedText(text, BUDGET_BASE + BUDGET_PER_CHAR * text.length());
    }
}
