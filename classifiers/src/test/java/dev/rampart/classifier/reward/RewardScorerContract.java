package dev.rampart.classifier.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rampart.classifier.ClassificationInput.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link RewardScorer} honours, run once per implementation and wrapper by a subclass: every
 * configured attribute scored with a finite value, concurrent answers the same as answers given one at a time, a better
 * response scored higher, conversations accepted, failures as {@code UNSCORED} values without text rather than
 * exceptions, ready until closed.
 *
 * <p>A subclass provides {@link #create()} (a scorer that scores responses containing {@link #EXCELLENT} higher on its
 * first attribute than others), {@link #broken()} (one of the same kind that fails at run time on
 * {@link #brokenInput()}) and {@link #attributes()}. Remote scorers extend {@link RemoteRewardScorerContract}, which
 * replays their API shape from WireMock.
 */
abstract class RewardScorerContract {
    /** Responses containing this must score higher on the first attribute than responses without it. */
    protected static final String EXCELLENT = "excellent answer";
    protected static final String PROMPT = "How do I boil an egg?";

    protected RewardScorer scorer;

    /** A ready scorer. */
    protected abstract RewardScorer create() throws Exception;

    /** A scorer of this kind that cannot work (its server is down, its model cannot run {@link #brokenInput()}). */
    protected abstract RewardScorer broken() throws Exception;

    /** The attributes every scored result must have, in order. */
    protected abstract List<String> attributes();

    /** The response {@link #broken()} is asked to score. */
    protected String brokenInput() {
        return "A secret answer to " + EXCELLENT;
    }

    @BeforeEach
    void setUp() throws Exception {
        scorer = create();
    }

    @AfterEach
    void tearDown() {
        scorer.close();
    }

    private static RewardScores score(RewardScorer s, RewardInput input) {
        return s.score(input).toCompletableFuture().join();
    }

    @Test
    void should_score_every_configured_attribute_with_a_finite_value() {
        RewardScores r = score(scorer, RewardInput.of(PROMPT, "Simmer it for nine minutes: an " + EXCELLENT + "."));
        assertThat(r.status()).isEqualTo(RewardScores.Status.SCORED);
        assertThat(r.scorer()).isEqualTo(scorer.name());
        assertThat(r.error()).isNull();
        assertThat(List.copyOf(r.attributes().keySet())).isEqualTo(attributes());
        assertThat(r.attributes().values()).allMatch(Double::isFinite);
    }

    @Test
    void should_score_a_better_response_higher() {
        String first = attributes().get(0);
        double good = score(scorer, RewardInput.of(PROMPT, EXCELLENT)).attribute(first).orElseThrow();
        double poor = score(scorer, RewardInput.of(PROMPT, "meh")).attribute(first).orElseThrow();
        assertThat(good).isGreaterThan(poor);
    }

    @Test
    void should_keep_concurrent_answers_apart() {
        List<String> responses = new ArrayList<>();
        List<CompletableFuture<RewardScores>> runs = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            responses.add(i % 2 == 0 ? "An " + EXCELLENT + " number " + i : "Eggs are eggs, number " + i);
            runs.add(scorer.score(RewardInput.of(PROMPT, responses.get(i))).toCompletableFuture());
        }
        String first = attributes().get(0);
        for (int i = 0; i < runs.size(); i++) {
            double alone = score(scorer, RewardInput.of(PROMPT, responses.get(i))).attribute(first).orElseThrow();
            assertThat(runs.get(i).join().attribute(first).orElseThrow()).as("response %d", i)
                    .isCloseTo(alone, within(1e-5));
        }
        double good = runs.get(0).join().attribute(first).orElseThrow();
        double poor = runs.get(1).join().attribute(first).orElseThrow();
        assertThat(good).isGreaterThan(poor);
    }

    @Test
    void should_score_a_response_inside_a_conversation() {
        RewardInput input = new RewardInput(PROMPT, EXCELLENT, List.of(new Turn("system", "You are a cook."),
                new Turn("user", "Hi"), new Turn("assistant", "Hello!")));
        assertThat(score(scorer, input).isScored()).isTrue();
    }

    @Test
    void should_report_failures_as_unscored_values_without_text() throws Exception {
        try (RewardScorer broken = broken()) {
            RewardInput input = RewardInput.of(PROMPT, brokenInput());
            CompletableFuture<RewardScores> stage;
            try {
                stage = broken.score(input).toCompletableFuture();
            } catch (RuntimeException e) {
                throw new AssertionError("score must not throw, but threw " + e, e);
            }
            RewardScores r = stage.join();
            assertThat(r.status()).isEqualTo(RewardScores.Status.UNSCORED);
            assertThat(r.scorer()).isEqualTo(broken.name());
            assertThat(r.attributes()).isEmpty();
            assertThat(r.error()).isNotBlank().doesNotContain(PROMPT).doesNotContain("secret").doesNotContain("overloaded");
        }
    }

    @Test
    void should_be_ready_until_closed_and_close_idempotently() {
        assertThat(scorer.ready()).isTrue();
        scorer.close();
        scorer.close();
        assertThat(scorer.ready()).isFalse();
        RewardScores r = score(scorer, RewardInput.of(PROMPT, EXCELLENT));
        assertThat(r.status()).isEqualTo(RewardScores.Status.UNSCORED);
    }
}
