package dev.rampart.classifier.reward;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rampart.classifier.ClassificationInput.Turn;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link RewardScorer} honours, run once per API shape by a subclass against WireMock replaying
 * that shape's replies: every configured attribute scored with a finite value, answers kept apart under concurrency,
 * conversations accepted, failures as {@code UNSCORED} values without text rather than exceptions, ready until closed.
 *
 * <p>A subclass names the endpoint path, a configuration for a URL, and two replies: one for a response containing
 * {@link #EXCELLENT} and a lower-scored one for anything else.
 */
abstract class RewardScorerContract {
    /** Responses containing this get {@link #goodReply()}; the first attribute must score higher than in {@link #poorReply()}. */
    protected static final String EXCELLENT = "excellent answer";
    protected static final String PROMPT = "How do I boil an egg?";
    private static WireMockServer server;

    protected RewardScorer scorer;

    /** The endpoint path, e.g. {@code /pooling}. */
    protected abstract String path();

    /** A scorer for the given endpoint URL. */
    protected abstract RewardScorer create(URI url);

    /** The attributes every scored result must have, in order. */
    protected abstract List<String> attributes();

    protected abstract String goodReply();

    protected abstract String poorReply();

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void setUp() {
        server.resetAll();
        server.stubFor(post(urlEqualTo(path())).atPriority(5).willReturn(okJson(poorReply())));
        server.stubFor(post(urlEqualTo(path())).atPriority(1).withRequestBody(containing(EXCELLENT))
                .willReturn(okJson(goodReply())));
        server.stubFor(post(urlEqualTo("/broken" + path())).willReturn(aResponse().withStatus(503)
                .withBody("{\"error\":\"overloaded\"}")));
        scorer = create(url(path()));
    }

    @AfterEach
    void tearDown() {
        scorer.close();
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
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
    void should_keep_concurrent_answers_apart() {
        List<CompletableFuture<RewardScores>> runs = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            String response = i % 2 == 0 ? "An " + EXCELLENT + " number " + i : "Eggs are eggs, number " + i;
            runs.add(scorer.score(RewardInput.of(PROMPT, response)).toCompletableFuture());
        }
        String first = attributes().get(0);
        double good = score(scorer, RewardInput.of(PROMPT, EXCELLENT)).attribute(first).orElseThrow();
        double poor = score(scorer, RewardInput.of(PROMPT, "meh")).attribute(first).orElseThrow();
        assertThat(good).isGreaterThan(poor);
        for (int i = 0; i < runs.size(); i++) {
            assertThat(runs.get(i).join().attribute(first)).hasValue(i % 2 == 0 ? good : poor);
        }
    }

    @Test
    void should_score_a_response_inside_a_conversation() {
        RewardInput input = new RewardInput(PROMPT, EXCELLENT, List.of(new Turn("system", "You are a cook."),
                new Turn("user", "Hi"), new Turn("assistant", "Hello!")));
        assertThat(score(scorer, input).isScored()).isTrue();
    }

    @Test
    void should_report_failures_as_unscored_values_without_text() {
        try (RewardScorer broken = create(url("/broken" + path()))) {
            RewardInput input = RewardInput.of(PROMPT, "A secret answer to " + EXCELLENT);
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
