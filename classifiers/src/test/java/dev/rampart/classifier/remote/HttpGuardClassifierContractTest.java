package dev.rampart.classifier.remote;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.ClassifierContract;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The classifier contract against a WireMock JSON guard that scores weapons high for a bomb. */
class HttpGuardClassifierContractTest extends ClassifierContract {
    private static WireMockServer server;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlEqualTo("/check")).atPriority(5)
                .willReturn(okJson("{\"result\":{\"violence\":0.02,\"weapons\":0.01,\"hate\":false}}")));
        server.stubFor(post(urlEqualTo("/check")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.input.text", containing("pipe bomb")))
                .willReturn(okJson("{\"result\":{\"violence\":0.4,\"weapons\":0.96,\"hate\":false}}")));
        server.stubFor(post(urlEqualTo("/broken"))
                .willReturn(aResponse().withStatus(500).withBody("oops")));
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    private static HttpGuardConfig config(String path) {
        return HttpGuardConfig.parse(Map.of("type", "http", "name", "json-guard",
                "url", "http://127.0.0.1:" + server.port() + path,
                "request_template", Map.of("input", Map.of("text", "${text}"), "mode", "strict"),
                "scores", Map.of("S1", "/result/violence", "S9", "/result/weapons", "S10", "/result/hate")),
                "classifiers.remote[1]");
    }

    @Override
    protected Classifier create() {
        return config("/check").classifierFor(TAXONOMY);
    }

    @Override
    protected Classifier broken() {
        return config("/broken").classifierFor(TAXONOMY);
    }
}
