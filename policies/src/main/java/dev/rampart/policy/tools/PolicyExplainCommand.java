package dev.rampart.policy.tools;

import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.Decision;
import dev.rampart.policy.Direction;
import dev.rampart.policy.Policy;
import dev.rampart.policy.PolicyLoadResult;
import dev.rampart.policy.PolicyLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code rampart policy explain}: the decision for one text and why. */
public final class PolicyExplainCommand {
    private PolicyExplainCommand() {
    }

    public static int run(Path policyFile, String text, int tier, Direction direction, TextScorer scorer, PrintStream out) {
        PolicyLoadResult result = PolicyLoader.load(policyFile);
        if (result instanceof PolicyLoadResult.Invalid invalid) {
            invalid.problems().forEach(out::println);
            return 1;
        }
        Policy policy = ((PolicyLoadResult.Loaded) result).policy();
        List<ClassifierScores> scores = scorer.score(policy, direction, text);
        Decision decision = policy.decide(direction, tier, scores);
        out.print(Explanation.render(policy, tier, scores, decision));
        return 0;
    }
}
