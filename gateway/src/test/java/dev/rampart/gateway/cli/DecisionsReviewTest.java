package dev.rampart.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.gateway.decisionlog.DecisionLog;
import dev.rampart.gateway.decisionlog.DecisionRecord;
import dev.rampart.gateway.decisionlog.ReviewLabels;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.Decision;
import dev.rampart.policy.Direction;
import dev.rampart.policy.Policy;
import dev.rampart.policy.PolicyLoadResult;
import dev.rampart.policy.PolicyLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rampart decisions query --contested}, the review queue and labels, on a log written by the real log. */
class DecisionsReviewTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final Policy POLICY = ((PolicyLoadResult.Loaded) PolicyLoader.parse("p.yaml", """
            name: p
            settings: { contest_margin: 0.05 }
            categories: [ { id: v, name: V } ]
            rules: [ { category: v, action: block, thresholds: 0.5 } ]
            """)).policy();

    private static DecisionRecord record(String id, double... votes) {
        List<ClassifierScores> scores = new java.util.ArrayList<>();
        for (int i = 0; i < votes.length; i++) {
            scores.add(ClassifierScores.ok("c" + i, Map.of("v", votes[i]), List.of(), List.of("v")));
        }
        Decision d = POLICY.decide(Direction.PROMPT, 0, scores);
        return new DecisionRecord(id, id, CLOCK.instant(), "chat_completions", "s", "t", 0.5, 0, "p",
                d.policyRevision(), Direction.PROMPT, d.action(), d.firedCategories(), d.contested(), scores,
                d.findings(), d.wouldAction(), d.monitoredCategories(), null, null, 1.0, "hash", null);
    }

    private record Run(int exit, String out) {
    }

    private static Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new DecisionsCommand()).execute(args);
            return new Run(exit, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void should_queue_contested_decisions_until_labelled_and_keep_the_labels(@TempDir Path data) throws Exception {
        try (DecisionLog log = new DecisionLog(data.resolve("decisions"), 1 << 20, 3, 50, CLOCK)) {
            log.append(record("near-p", 0.52));        // within the margin
            log.append(record("split-p", 0.9, 0.2));   // voters across the threshold
            log.append(record("clear-p", 0.9, 0.8));   // agreeing, far from the threshold
        }
        String dir = data.toString();
        assertThat(run("query", "--data-dir", dir, "--contested").out().lines())
                .hasSize(2).allMatch(l -> l.contains("near-p") || l.contains("split-p"));
        assertThat(run("label", "--data-dir", dir, "split-p", "wrong").exit()).isZero();
        assertThat(run("label", "--data-dir", dir, "nope-p", "wrong").exit()).isEqualTo(1);
        assertThat(run("label", "--data-dir", dir, "near-p", "maybe").exit()).isEqualTo(2);
        assertThat(run("review", "--data-dir", dir).out().lines()).singleElement()
                .satisfies(l -> assertThat(l).contains("near-p"));
        var labels = new ReviewLabels(data.resolve("review")).read();
        assertThat(labels).containsOnlyKeys("split-p");
        assertThat(labels.get("split-p").path("label").asText()).isEqualTo("wrong");
        assertThat(labels.get("split-p").path("action").asText()).isEqualTo("block");

        assertThat(run("label", "--data-dir", dir, "near-p", "correct").exit()).isZero();
        var cells = new dev.rampart.gateway.decisionlog.LabelSummary(
                new ReviewLabels(data.resolve("review")).read().values()).cells();
        assertThat(cells).containsExactly(new dev.rampart.gateway.decisionlog.LabelSummary.Cell("block", "v", 1, 1));
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new CommandLine(new EvalCommand()).execute("--labels", data.resolve("review").toString());
        } finally {
            System.setOut(original);
        }
        assertThat(exit).isZero();
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("block").contains("0.500");
    }
}
