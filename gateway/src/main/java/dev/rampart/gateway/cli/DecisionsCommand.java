package dev.rampart.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rampart.gateway.config.GatewayConfig;
import dev.rampart.gateway.decisionlog.ChangeBudget;
import dev.rampart.gateway.decisionlog.DecisionLogReader;
import dev.rampart.gateway.decisionlog.DecisionRecord;
import dev.rampart.gateway.decisionlog.DecisionRecordJson;
import dev.rampart.gateway.decisionlog.Replay;
import dev.rampart.gateway.decisionlog.ReviewLabels;
import dev.rampart.gateway.policy.PackArchive;
import dev.rampart.gateway.policy.PolicyRuntime;
import dev.rampart.policy.Policy;
import dev.rampart.policy.PolicyLoadResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import dev.rampart.gateway.decisionlog.SubjectHasher;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rampart decisions tail|query|replay|review|label}: read the decision log, re-decide it under a candidate pack,
 * and review contested decisions.
 */
@Command(name = "decisions", mixinStandardHelpOptions = true, description = "Read, replay and review the decision log.",
        subcommands = {DecisionsCommand.Tail.class, DecisionsCommand.Query.class, DecisionsCommand.ReplayLog.class,
                DecisionsCommand.Review.class, DecisionsCommand.Label.class})
public final class DecisionsCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    abstract static class Reading implements Callable<Integer> {
        @Option(names = "--data-dir", defaultValue = GatewayConfig.Server.DEFAULT_DATA_DIR, description = "the gateway's data directory")
        Path dataDir;

        @Option(names = "--log", description = "the decision log directory (default: <data-dir>/decisions)")
        Path log;

        Path dir() {
            return log != null ? log : dataDir.resolve("decisions");
        }

        Path reviewDir() {
            return dataDir.resolve("review");
        }

        int report(int skipped) {
            if (skipped > 0) {
                System.err.println("rampart: skipped " + skipped + " unreadable line(s) (a torn last line after a crash)");
            }
            return 0;
        }
    }

    @Command(name = "tail", mixinStandardHelpOptions = true, description = "Print the last N decisions.")
    static final class Tail extends Reading {
        @Option(names = {"-n", "--lines"}, defaultValue = "20")
        int lines;

        @Override
        public Integer call() throws Exception {
            Deque<JsonNode> last = new ArrayDeque<>();
            int skipped = DecisionLogReader.read(dir(), r -> {
                last.addLast(r);
                if (last.size() > lines) {
                    last.removeFirst();
                }
            });
            last.forEach(r -> System.out.println(r.toString()));
            return report(skipped);
        }
    }

    @Command(name = "query", mixinStandardHelpOptions = true,
            description = "Print the decisions matching every filter given.")
    static final class Query extends Reading {
        @Option(names = "--subject", description = "a subject, e.g. key:clinic-app (hashed with the log's key)")
        String subject;

        @Option(names = "--category")
        String category;

        @Option(names = "--action", description = "allow, flag, redact or block")
        String action;

        @Option(names = "--since", description = "ISO-8601 instant")
        Instant since;

        @Option(names = "--until", description = "ISO-8601 instant")
        Instant until;

        @Option(names = "--contested", description = "only contested decisions (near a threshold, or classifiers "
                + "disagreeing across it)")
        boolean contested;

        @Option(names = "--monitored", description = "only decisions monitor mode let through (would have acted)")
        boolean monitored;

        @Override
        public Integer call() throws Exception {
            Predicate<JsonNode> match = r -> true;
            if (contested) {
                match = match.and(r -> r.path("contested").asBoolean());
            }
            if (monitored) {
                match = match.and(r -> r.has("would_action")
                        && !r.path("would_action").asText().equals(r.path("action").asText()));
            }
            if (subject != null) {
                String hashed = SubjectHasher.forDirectory(dir()).hash(subject);
                match = match.and(r -> hashed.equals(r.path("subject").asText()));
            }
            if (category != null) {
                match = match.and(r -> {
                    for (JsonNode c : r.path("categories")) {
                        if (category.equals(c.asText())) {
                            return true;
                        }
                    }
                    return false;
                });
            }
            if (action != null) {
                match = match.and(r -> action.equals(r.path("action").asText()));
            }
            if (since != null) {
                match = match.and(r -> !Instant.parse(r.path("time").asText()).isBefore(since));
            }
            if (until != null) {
                match = match.and(r -> Instant.parse(r.path("time").asText()).isBefore(until));
            }
            Predicate<JsonNode> filter = match;
            int skipped = DecisionLogReader.read(dir(), r -> {
                if (filter.test(r)) {
                    System.out.println(r.toString());
                }
            });
            return report(skipped);
        }
    }

    /** Reads every record at or after {@code since}, as records; counts records it cannot restore in {@code bad}. */
    static int records(Path dir, Instant since, Consumer<DecisionRecord> sink, int[] bad) throws IOException {
        return DecisionLogReader.read(dir, node -> {
            if (since != null && Instant.parse(node.path("time").asText()).isBefore(since)) {
                return;
            }
            try {
                sink.accept(DecisionRecordJson.read(node));
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                bad[0]++;
            }
        });
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Re-decide logged decisions under a candidate pack and print what changes, per category. "
                    + "Exits 1 when more decisions change than the budget allows (a CI gate for policy repositories).")
    static final class ReplayLog extends Reading {
        @Option(names = "--policy", required = true,
                description = "the candidate pack: a file, builtin:default, or rev:<revision> from the pack archive")
        String policy;

        @Option(names = "--since", description = "only decisions at or after this ISO-8601 instant")
        Instant since;

        @Option(names = "--budget", description = "decisions allowed to change: a count (25) or a share (2.5%%); "
                + "default: no limit")
        String budget;

        @Override
        public Integer call() throws Exception {
            ChangeBudget limit;
            try {
                limit = budget == null ? null : ChangeBudget.parse(budget);
            } catch (IllegalArgumentException e) {
                System.err.println("rampart decisions replay: --budget: " + e.getMessage());
                return 2;
            }
            String source = policy;
            if (policy.startsWith("rev:")) {
                var archived = new PackArchive(dataDir.resolve("policies")).find(policy.substring(4));
                if (archived.isEmpty()) {
                    System.err.println("rampart decisions replay: no archived pack with revision " + policy.substring(4)
                            + " in " + dataDir.resolve("policies"));
                    return 2;
                }
                source = archived.get().toString();
            }
            PolicyLoadResult loaded = PolicyRuntime.load(source);
            if (!(loaded instanceof PolicyLoadResult.Loaded ok)) {
                System.err.println("rampart decisions replay: the policy " + policy + " is invalid:");
                ((PolicyLoadResult.Invalid) loaded).problems().forEach(p -> System.err.println("  " + p));
                return 2;
            }
            Policy candidate = ok.policy();
            Replay replay = new Replay(candidate);
            int[] bad = {0};
            int skipped = records(dir(), since, replay::add, bad);
            System.out.printf(Locale.ROOT, "replayed %d decisions under %s @ %s%s%n", replay.replayed(),
                    candidate.name(), candidate.revision(), since == null ? "" : " since " + since);
            for (var e : replay.categories().entrySet()) {
                Replay.CategoryDiff d = e.getValue();
                System.out.printf(Locale.ROOT, "  %-18s newly blocked: %d %s  newly allowed: %d %s  other changes: %d %s%n",
                        e.getKey(), d.newlyBlocked(), d.blockedExamples(), d.newlyAllowed(), d.allowedExamples(),
                        d.otherwise(), d.otherExamples());
            }
            boolean over = limit != null && limit.exceededBy(replay.changed(), replay.replayed());
            System.out.printf(Locale.ROOT, "changed: %d of %d decisions%s%n", replay.changed(), replay.replayed(),
                    limit == null ? "" : " (budget " + limit + (over ? ": EXCEEDED)" : ": within)"));
            if (bad[0] > 0) {
                System.err.println("rampart: skipped " + bad[0] + " record(s) without what replay needs");
            }
            report(skipped);
            return over ? 1 : 0;
        }
    }

    @Command(name = "review", mixinStandardHelpOptions = true,
            description = "The review queue: contested decisions without a label, as JSON lines (oldest first).")
    static final class Review extends Reading {
        @Option(names = "--since", description = "ISO-8601 instant")
        Instant since;

        @Option(names = "--out", description = "also write the queue to this JSONL file")
        Path out;

        @Override
        public Integer call() throws Exception {
            Map<String, JsonNode> labelled = new ReviewLabels(reviewDir()).read();
            StringBuilder queue = new StringBuilder();
            int skipped = DecisionLogReader.read(dir(), r -> {
                if (r.path("contested").asBoolean() && !labelled.containsKey(r.path("decision_id").asText())
                        && (since == null || !Instant.parse(r.path("time").asText()).isBefore(since))) {
                    queue.append(r).append('\n');
                }
            });
            System.out.print(queue);
            if (out != null) {
                Files.writeString(out, queue.toString(), StandardCharsets.UTF_8);
            }
            return report(skipped);
        }
    }

    @Command(name = "label", mixinStandardHelpOptions = true,
            description = "Record a reviewer's judgement of a logged decision: correct or wrong.")
    static final class Label extends Reading {
        @Parameters(index = "0", description = "the decision id (e.g. <request id>-p)")
        String decisionId;

        @Parameters(index = "1", description = "correct or wrong")
        String label;

        @Override
        public Integer call() throws Exception {
            ReviewLabels.Label judged;
            try {
                judged = ReviewLabels.Label.parse(label);
            } catch (IllegalArgumentException e) {
                System.err.println("rampart decisions label: " + e.getMessage());
                return 2;
            }
            JsonNode[] found = {null};
            DecisionLogReader.read(dir(), r -> {
                if (decisionId.equals(r.path("decision_id").asText())) {
                    found[0] = r;
                }
            });
            if (found[0] == null) {
                System.err.println("rampart decisions label: no decision " + decisionId + " in " + dir());
                return 1;
            }
            new ReviewLabels(reviewDir()).append(found[0], judged, Instant.now());
            System.out.println("labelled " + decisionId + " " + judged.wireName());
            return 0;
        }
    }
}
