package dev.rampart.gateway.cli;

import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.embedded.EmbeddedModel;
import dev.rampart.classifier.pattern.PatternClassifier;
import dev.rampart.classifier.training.BinaryMetrics;
import dev.rampart.classifier.training.DataSets;
import dev.rampart.classifier.training.LabeledText;
import dev.rampart.gateway.policy.PolicyRuntime;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.Decision;
import dev.rampart.policy.Direction;
import dev.rampart.policy.Policy;
import dev.rampart.policy.PolicyLoadResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rampart eval}: runs the gateway's classifiers and policy over labelled texts and prints AUPRC, AUROC, F1,
 * precision, recall and the false-positive rate. A text counts as flagged when the policy's decision for it is not
 * {@code allow} at the given trust tier; its score is the highest category score the classifiers gave.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Measure the classifiers on labelled data (JSONL or CSV with text and label).")
public final class EvalCommand implements Callable<Integer> {
    @Option(names = "--data", description = "Labelled data: .jsonl or .csv (optionally .gz); repeatable.")
    List<Path> data;

    @Option(names = "--labels", description = "Reviewers' labels of logged decisions (<data_dir>/review, from "
            + "rampart decisions label): print how many were judged correct per action and category.")
    Path labels;

    @Option(names = "--text-field", description = "The text field or column (default: text, prompt, goal, content, input or question).")
    String textField;

    @Option(names = "--label-field", description = "The label field or column (default: label, unsafe, flagged, harmful or is_unsafe).")
    String labelField;

    @Option(names = "--policy", defaultValue = "builtin:default", description = "Policy pack (default: ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--tier", defaultValue = "0", description = "Trust tier whose thresholds apply (default: ${DEFAULT-VALUE}).")
    int tier;

    @Option(names = "--classifiers", split = ",", defaultValue = "embedded,patterns",
            description = "Which classifiers to run: embedded, patterns (default: ${DEFAULT-VALUE}).")
    Set<String> classifiers;

    @Option(names = "--direction", defaultValue = "prompt", description = "prompt or completion (default: ${DEFAULT-VALUE}).")
    String direction;

    @Option(names = "--show-errors", defaultValue = "0", description = "Print this many misclassified texts of each kind.")
    int showErrors;

    @Option(names = "--show-scores", description = "Print every text with its label, style, top two categories, highest category score and decision.")
    boolean showScores;

    @Override
    public Integer call() throws IOException {
        if (labels != null) {
            System.out.print(new dev.rampart.gateway.decisionlog.LabelSummary(
                    new dev.rampart.gateway.decisionlog.ReviewLabels(labels).read().values()).render());
        }
        if (data == null || data.isEmpty()) {
            if (labels == null) {
                System.err.println("rampart eval: give --data (labelled texts) or --labels (reviewed decisions)");
                return 2;
            }
            return 0;
        }
        PolicyLoadResult loaded = PolicyRuntime.load(policy);
        if (!(loaded instanceof PolicyLoadResult.Loaded ok)) {
            System.err.println("rampart eval: policy " + policy + " is invalid; run rampart policy validate");
            return 2;
        }
        Policy p = ok.policy();
        Direction dir = "completion".equals(direction) ? Direction.COMPLETION : Direction.PROMPT;
        List<Classifier> running = new ArrayList<>();
        EmbeddedModel model = null;
        if (classifiers.contains("embedded")) {
            model = EmbeddedModel.start(new EmbeddedModel.Settings(1, 2, 32, 1 << 20), n -> { });
            model.whenLoaded().toCompletableFuture().join();
            running.add(model.classifierFor(p.categories()));
        }
        if (classifiers.contains("patterns")) {
            running.add(new PatternClassifier(p.categories()));
        }
        try {
            for (Path file : data) {
                evaluate(file, DataSets.read(file, textField, labelField), p, dir, running);
            }
        } catch (IllegalArgumentException | java.io.IOException e) {
            System.err.println("rampart eval: " + e.getMessage());
            return 2;
        } finally {
            if (model != null) {
                model.close();
            }
        }
        return 0;
    }

    private void evaluate(Path file, List<LabeledText> texts, Policy p, Direction dir, List<Classifier> running) {
        List<CompletableFuture<List<ClassifierScores>>> pending = new ArrayList<>();
        for (LabeledText t : texts) {
            List<CompletableFuture<ClassifierScores>> one = new ArrayList<>();
            for (Classifier c : running) {
                one.add(c.classify(ClassificationInput.of(dir, t.text())).toCompletableFuture());
            }
            pending.add(CompletableFuture.allOf(one.toArray(CompletableFuture[]::new))
                    .thenApply(v -> one.stream().map(CompletableFuture::join).toList()));
        }
        double[] scores = new double[texts.size()];
        boolean[] labels = new boolean[texts.size()];
        boolean[] flagged = new boolean[texts.size()];
        List<String> missed = new ArrayList<>();
        List<String> falseAlarms = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            List<ClassifierScores> results = pending.get(i).join();
            double max = 0;
            String top = "-";
            java.util.Map<String, Double> byCategory = new java.util.HashMap<>();
            for (ClassifierScores r : results) {
                for (var e : r.scores().entrySet()) {
                    if (p.rule(e.getKey()).isPresent() && p.categoriesFor(dir).contains(e.getKey())) {
                        byCategory.merge(e.getKey(), e.getValue(), Math::max);
                        if (e.getValue() > max) {
                            max = e.getValue();
                            top = e.getKey();
                        }
                    }
                }
            }
            String topTwo = byCategory.entrySet().stream()
                    .sorted(java.util.Map.Entry.<String, Double>comparingByValue().reversed()
                            .thenComparing(java.util.Map.Entry.comparingByKey()))
                    .limit(2).map(java.util.Map.Entry::getKey).reduce((a, b) -> a + "," + b).orElse("-");
            scores[i] = max;
            labels[i] = texts.get(i).unsafe();
            flagged[i] = !(p.decide(dir, tier, results) instanceof Decision.Allow);
            String line = String.format(java.util.Locale.ROOT, "    %.3f  %s", max, oneLine(texts.get(i).text()));
            if (showScores) {
                String expected = labels[i] ? "unsafe " + (texts.get(i).category() == null ? "-" : texts.get(i).category()) : "safe";
                System.out.printf(java.util.Locale.ROOT, "  %-10s %-8s top %-16s %.3f %-7s %s%n", expected,
                        texts.get(i).style() == null ? "-" : texts.get(i).style(), topTwo, max,
                        flagged[i] ? "flagged" : "allowed", oneLine(texts.get(i).text()));
            }
            if (labels[i] && !flagged[i]) {
                missed.add(line);
            } else if (!labels[i] && flagged[i]) {
                falseAlarms.add(line);
            }
        }
        System.out.println(file + "  " + BinaryMetrics.of(scores, labels, flagged).summary());
        perStyle(texts, scores, labels, flagged);
        if (showErrors > 0) {
            System.out.println("  missed (unsafe, allowed):");
            missed.stream().limit(showErrors).forEach(System.out::println);
            System.out.println("  false alarms (safe, flagged):");
            falseAlarms.stream().limit(showErrors).forEach(System.out::println);
        }
    }

    /** Figures per surface style, when the data names styles: the same measures on each style's texts alone. */
    private static void perStyle(List<LabeledText> texts, double[] scores, boolean[] labels, boolean[] flagged) {
        java.util.Map<String, List<Integer>> byStyle = new java.util.TreeMap<>();
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).style() != null) {
                byStyle.computeIfAbsent(texts.get(i).style(), k -> new ArrayList<>()).add(i);
            }
        }
        byStyle.forEach((style, idx) -> {
            double[] s = new double[idx.size()];
            boolean[] l = new boolean[idx.size()];
            boolean[] f = new boolean[idx.size()];
            for (int k = 0; k < idx.size(); k++) {
                s[k] = scores[idx.get(k)];
                l[k] = labels[idx.get(k)];
                f[k] = flagged[idx.get(k)];
            }
            System.out.printf("  style %-12s %s%n", style, BinaryMetrics.of(s, l, f).summary());
        });
    }

    private static String oneLine(String text) {
        String s = text.replaceAll("\\s+", " ");
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
