package dev.rampart.classifier.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.pattern.PatternClassifier;
import dev.rampart.policy.ClassifierScores;
import dev.rampart.policy.tools.PolicyTestCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every text case of the shipped policy tests passes when scored as the gateway's defaults score it: the patterns and
 * the embedded model (what {@code ./rampart policy test conf/policies} runs).
 */
class DefaultPackTextCasesTest {
    private static EmbeddedModel model;

    @BeforeAll
    static void load() {
        model = EmbeddedModel.start(EmbeddedModel.Settings.DEFAULTS, n -> { });
        model.whenLoaded().toCompletableFuture().join();
    }

    @AfterAll
    static void unload() {
        model.close();
    }

    @Test
    void should_pass_every_text_case_of_the_default_pack() {
        List<String> errors = new ArrayList<>();
        List<PolicyTestCommand.CaseResult> results = PolicyTestCommand.runFile(
                Path.of("..", "conf", "policies", "default.tests.yaml"), (policy, direction, text) -> {
                    ClassificationInput input = ClassificationInput.of(direction, text);
                    List<ClassifierScores> out = new ArrayList<>();
                    out.add(new PatternClassifier(policy.categories()).classify(input).toCompletableFuture().join());
                    out.add(model.classifierFor(policy.categories()).classify(input).toCompletableFuture().join());
                    return out;
                }, errors);

        assertThat(errors).isEmpty();
        assertThat(results).filteredOn(PolicyTestCommand.CaseResult::fromText).isNotEmpty()
                .allSatisfy(r -> assertThat(r.passed()).as(r.name() + ": " + r.detail()).isTrue());
    }
}
