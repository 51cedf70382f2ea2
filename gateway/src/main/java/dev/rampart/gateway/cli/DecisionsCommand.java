package dev.rampart.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rampart.gateway.config.GatewayConfig;
import dev.rampart.gateway.decisionlog.DecisionLogReader;
import dev.rampart.gateway.decisionlog.SubjectHasher;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rampart decisions tail|query}: read the decision log. */
@Command(name = "decisions", mixinStandardHelpOptions = true, description = "Read the decision log.",
        subcommands = {DecisionsCommand.Tail.class, DecisionsCommand.Query.class})
public final class DecisionsCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    abstract static class Reading implements Callable<Integer> {
        @Option(names = "--data-dir", defaultValue = GatewayConfig.Server.DEFAULT_DATA_DIR, description = "the gateway's data directory")
        Path dataDir;

        Path dir() {
            return dataDir.resolve("decisions");
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

        @Override
        public Integer call() throws Exception {
            Predicate<JsonNode> match = r -> true;
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
}
