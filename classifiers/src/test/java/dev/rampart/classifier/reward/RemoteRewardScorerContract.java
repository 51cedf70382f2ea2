package dev.rampart.classifier.reward;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The reward scorer contract for one remote API shape, against WireMock replaying that shape's replies: a subclass names
 * the endpoint path, a scorer for a URL, and two replies — one for a response containing {@link #EXCELLENT} and a
 * lower-scored one for anything else. The broken scorer's endpoint answers 503.
 */
abstract class RemoteRewardScorerContract extends RewardScorerContract {
    private static WireMockServer server;

    /** The endpoint path, e.g. {@code /pooling}. */
    protected abstract String path();

    /** A scorer for the given endpoint URL. */
    protected abstract RewardScorer create(URI url);

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
    void stubReplies() {
        server.resetAll();
        server.stubFor(post(urlEqualTo(path())).atPriority(5).willReturn(okJson(poorReply())));
        server.stubFor(post(urlEqualTo(path())).atPriority(1).withRequestBody(containing(EXCELLENT))
                .willReturn(okJson(goodReply())));
        server.stubFor(post(urlEqualTo("/broken" + path())).willReturn(aResponse().withStatus(503)
                .withBody("{\"error\":\"overloaded\"}")));
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Override
    protected RewardScorer create() {
        return create(url(path()));
    }

    @Override
    protected RewardScorer broken() {
        return create(url("/broken" + path()));
    }
}
