package dev.rampart.classifier.pattern;

import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.normalize.NormalizedText;
import dev.rampart.classifier.normalize.TextNormalizer;
import dev.rampart.policy.Category;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policy's deterministic detectors: each category's {@code regex} and {@code literal} patterns, matched on the
 * normalised, lower-cased text (see {@link TextNormalizer}; ASCII case is ignored, so write non-ASCII letters of a
 * pattern in lower case), and its {@code builtin} PII detectors, matched on the original text.
 * A category scores the highest score of its matching patterns (1.0 unless the pattern says less), with the matched
 * spans in original-text coordinates; one without a match scores 0.0.
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

    private final List<CompiledCategory> categories = new ArrayList<>();
    private final List<String> covers = new ArrayList<>();

    public PatternClassifier(List<Category> taxonomy) {
        for (Category c : taxonomy) {
            List<Compiled> patterns = new ArrayList<>();
            List<Builtin> builtins = new ArrayList<>();
            for (Category.Pattern p : c.patterns()) {
                switch (p.kind()) {
                    case REGEX -> patterns.add(new Compiled(Pattern.compile(p.value(), Pattern.CASE_INSENSITIVE),
                            LiteralPrefilter.of(p.value()), p.score()));
                    case LITERAL -> patterns.add(new Compiled(literal(p.value()),
                            LiteralPrefilter.ofWord(TextNormalizer.normalize(p.value().trim()).text().split(" ")[0]),
                            p.score()));
                    case BUILTIN -> {
                        PiiDetectors.detectors(p.value());
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

    /** A literal term: case-insensitive, on word boundaries, any run of whitespace between its words. */
    static Pattern literal(String term) {
        String[] words = TextNormalizer.normalize(term.trim()).text().split(" ");
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

    @Override
    public CompletionStage<ClassifierScores> classify(ClassificationInput input) {
        return CompletableFuture.completedFuture(scan(input.text()));
    }

    /** Scans synchronously. */
    public ClassifierScores scan(String original) {
        NormalizedText normalized = TextNormalizer.normalize(original);
        Map<String, Double> scores = new LinkedHashMap<>();
        List<Span> spans = new ArrayList<>();
        try {
            for (CompiledCategory c : categories) {
                List<Span> found = new ArrayList<>();
                double score = 0.0;
                for (Compiled p : c.patterns()) {
                    if (p.prefilter() != null && !p.prefilter().mayMatch(normalized.text())) {
                        continue;
                    }
                    Matcher m = p.pattern().matcher(budgeted(normalized.text()));
                    while (m.find()) {
                        if (m.end() > m.start()) {
                            int[] o = normalized.originalSpan(m.start(), m.end());
                            found.add(new Span(o[0], o[1], c.id()));
                            score = Math.max(score, p.score());
                        }
                    }
                }
                CharSequence originalBudgeted = budgeted(original);
                for (Builtin builtin : c.builtins()) {
                    int before = found.size();
                    PiiDetectors.find(builtin.name(), originalBudgeted, (s, e) -> found.add(new Span(s, e, c.id())));
                    if (found.size() > before) {
                        score = Math.max(score, builtin.score());
                    }
                }
                scores.put(c.id(), score);
                spans.addAll(found);
            }
        } catch (BudgetedText.BudgetExceeded e) {
            return ClassifierScores.error(NAME, covers, "pattern matching budget exceeded");
        } catch (StackOverflowError e) {
            return ClassifierScores.error(NAME, covers, "pattern matching recursion too deep");
        }
        return ClassifierScores.ok(NAME, scores, spans, covers);
    }

    private static CharSequence budgeted(String text) {
        return new BudgetedText(text, BUDGET_BASE + BUDGET_PER_CHAR * text.length());
    }
}
