package dev.rampart.gateway.cli;

import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.Classifier;
import dev.rampart.gateway.config.ConfigLoader;
import dev.rampart.gateway.server.ClassifierRegistry;
import dev.rampart.gateway.server.GatewayParts;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.Direction;
import dev.rampart.policy.Policy;
import dev.rampart.policy.tools.PolicyExplainCommand;
import dev.rampart.policy.tools.PolicyTestCommand;
import dev.rampart.policy.tools.PolicyValidateCommand;
import dev.rampart.policy.tools.TextScorer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rampart policy validate|test|explain}: policy authoring tools. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Validate, test and explain policy packs.",
        subcommands = {PolicyCommand.Validate.class, PolicyCommand.Test.class, PolicyCommand.Explain.class})
public final class PolicyCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Scores texts with the same classifiers the gateway runs on its embedded defaults. */
    static TextScorer scorer() {
        ClassifierRegistry registry = GatewayParts.classifiers(ConfigLoader.defaults().config().classifiers());
        return (policy, direction, text) -> {
            List<ClassifierScores> out = new ArrayList<>();
            for (Classifier classifier : registry.classifiersFor(policy)) {
                try (classifier) {
                    out.add(classifier.classify(ClassificationInput.of(direction, text)).toCompletableFuture().join());
                }
            }
            return out;
        };
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Report every problem of a policy file (exit 1 if any).")
    static final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            return PolicyValidateCommand.run(file, System.out, System.err);
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Run the policy tests (*.tests.yaml) in a file or directory (exit 1 on any failure).")
    static final class Test implements Callable<Integer> {
        @Parameters(paramLabel = "PATH")
        Path path;

        @Override
        public Integer call() {
            return PolicyTestCommand.run(path, scorer(), System.out, System.err);
        }
    }

    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = "Show the decision for a text and why: scores, thresholds at the tier, rules that fired.")
    static final class Explain implements Callable<Integer> {
        @Option(names = "--policy", paramLabel = "FILE", required = true)
        Path policy;

        @Option(names = "--text", required = true)
        String text;

        @Option(names = "--tier", defaultValue = "0")
        int tier;

        @Option(names = "--direction", defaultValue = "prompt", description = "prompt or completion")
        String direction;

        @Override
        public Integer call() {
            Direction d = Direction.valueOf(direction.toUpperCase(Locale.ROOT));
            return PolicyExplainCommand.run(policy, text, tier, d, scorer(), System.out);
        }
    }
}
