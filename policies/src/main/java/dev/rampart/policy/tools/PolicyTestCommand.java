package dev.rampart.policy.tools;

import dev.rampart.policy.Action;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.Decision;
import dev.rampart.policy.Direction;
import dev.rampart.policy.Policy;
import dev.rampart.policy.PolicyLoadResult;
import dev.rampart.policy.PolicyLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * {@code rampart policy test PATH}: runs policy tests, OPA-style. A tests file ({@code *.tests.yaml}) names its
 * policy and lists cases, each with either a {@code text} (scored by the real classifiers) or precomputed
 * {@code scores} (and optionally {@code errors}: categories whose classifier failed), a {@code direction}, a
 * {@code tier}, and the expected decision and fired categories:
 * <pre>
 * policy: default.yaml            # relative to this file, or builtin:default
 * cases:
 *   - name: pipe bombs are blocked for anyone
 *     text: How do I build a pipe bomb?
 *     tier: 3
 *     expect: block
 *     categories: [S9]
 *   - name: clinicians may ask about doses
 *     scores: { S6: 0.7 }
 *     tier: 3
 *     expect: allow
 * </pre>
 * Prints one pass/fail line per case and a summary; exit 1 on any failure or unreadable file.
 */
public final class PolicyTestCommand {
    private PolicyTestCommand() {
    }

    /** The outcome of one case. */
    public record CaseResult(String file, String name, boolean passed, String detail, boolean fromText) {
    }

    public static int run(Path path, TextScorer scorer, PrintStream out, PrintStream err) {
        List<CaseResult> results = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Path file : testFiles(path, errors)) {
            results.addAll(runFile(file, scorer, errors));
        }
        for (CaseResult r : results) {
            out.println((r.passed() ? "PASS " : "FAIL ") + r.file() + ": " + r.name()
                    + (r.passed() ? "" : " — " + r.detail()));
        }
        errors.forEach(err::println);
        long failed = results.stream().filter(r -> !r.passed()).count();
        out.println(results.size() + " cases, " + (results.size() - failed) + " passed, " + failed + " failed"
                + (errors.isEmpty() ? "" : ", " + errors.size() + " errors"));
        return failed == 0 && errors.isEmpty() && !results.isEmpty() ? 0 : 1;
    }

    static List<Path> testFiles(Path path, List<String> errors) {
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.walk(path)) {
                List<Path> found = files.filter(p -> p.getFileName().toString().endsWith(".tests.yaml")).sorted().toList();
                if (found.isEmpty()) {
                    errors.add(path + ": no *.tests.yaml files");
                }
                return found;
            } catch (IOException e) {
                errors.add(path + ": cannot list (" + e.getClass().getSimpleName() + ")");
                return List.of();
            }
        }
        return List.of(path);
    }

    /** Runs one tests file; problems reading it are added to {@code errors}. */
    public static List<CaseResult> runFile(Path file, TextScorer scorer, List<String> errors) {
        Map<?, ?> doc;
        try {
            Object loaded = new Load(LoadSettings.builder().setLabel(file.toString()).build())
                    .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
            if (!(loaded instanceof Map<?, ?> m)) {
                errors.add(file + ": must be a mapping with 'policy' and 'cases'");
                return List.of();
            }
            doc = m;
        } catch (IOException | YamlEngineException e) {
            errors.add(file + ": cannot read (" + String.valueOf(e.getMessage()).replace('\n', ' ') + ")");
            return List.of();
        }
        String policyRef = String.valueOf(doc.get("policy"));
        PolicyLoadResult loaded = PolicyLoader.BUILTIN_DEFAULT.equals(policyRef) ? PolicyLoader.loadDefault()
                : PolicyLoader.load(file.toAbsolutePath().getParent().resolve(policyRef));
        if (loaded instanceof PolicyLoadResult.Invalid invalid) {
            errors.add(file + ": policy '" + policyRef + "' is invalid:");
            invalid.problems().forEach(p -> errors.add("  " + p));
            return List.of();
        }
        Policy policy = ((PolicyLoadResult.Loaded) loaded).policy();
        if (!(doc.get("cases") instanceof List<?> cases)) {
            errors.add(file + ": 'cases' must be a list");
            return List.of();
        }
        List<CaseResult> results = new ArrayList<>();
        String label = file.getFileName().toString();
        for (int i = 0; i < cases.size(); i++) {
            if (!(cases.get(i) instanceof Map<?, ?> c)) {
                errors.add(file + ": cases[" + i + "] must be a mapping");
                continue;
            }
            try {
                results.add(runCase(label, i, c, policy, scorer));
            } catch (IllegalArgumentException | ClassCastException e) {
                errors.add(file + ": cases[" + i + "]: " + e.getMessage());
            }
        }
        return results;
    }

    private static CaseResult runCase(String file, int index, Map<?, ?> c, Policy policy, TextScorer scorer) {
        String name = c.get("name") == null ? "case " + index : String.valueOf(c.get("name"));
        Direction direction = Direction.valueOf(String.valueOf(c.containsKey("direction") ? c.get("direction") : "prompt")
                .toUpperCase(Locale.ROOT));
        int tier = c.containsKey("tier") ? ((Number) c.get("tier")).intValue() : 0;
        Action expect = Action.valueOf(String.valueOf(c.get("expect")).toUpperCase(Locale.ROOT));
        List<ClassifierScores> scores;
        if (c.get("text") instanceof String text) {
            scores = scorer.score(policy, direction, text);
        } else if (c.get("scores") instanceof Map<?, ?> given) {
            Map<String, Double> s = new LinkedHashMap<>();
            given.forEach((k, v) -> s.put(String.valueOf(k), ((Number) v).doubleValue()));
            scores = new ArrayList<>(List.of(ClassifierScores.ok("fixture", s, List.of(), List.copyOf(s.keySet()))));
            if (c.get("errors") instanceof List<?> failed) {
                scores.add(ClassifierScores.error("failing-fixture", failed.stream().map(String::valueOf).toList(),
                        "simulated failure"));
            }
        } else {
            throw new IllegalArgumentException("needs 'text' or 'scores'");
        }
        Decision decision = policy.decide(direction, tier, scores);
        List<String> fired = decision.firedCategories();
        boolean actionOk = decision.action() == expect;
        boolean categoriesOk = true;
        if (c.get("categories") instanceof List<?> expected) {
            categoriesOk = fired.equals(expected.stream().map(String::valueOf).toList());
        }
        String detail = "expected " + expect.wireName()
                + (c.containsKey("categories") ? " " + c.get("categories") : "")
                + ", got " + decision.action().wireName() + " " + fired;
        return new CaseResult(file, name, actionOk && categoriesOk, detail, c.get("text") instanceof String);
    }
}
