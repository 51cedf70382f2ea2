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

/** The classifier contract against WireMock answering as OpenAI's moderation endpoint: illicit/violent for a bomb. */
class OpenAiModerationClassifierContractTest extends ClassifierContract {
    private static WireMockServer server;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlEqualTo("/v1/moderations")).atPriority(5)
                .willReturn(okJson(Moderation.reply(Map.of()))));
        server.stubFor(post(urlEqualTo("/v1/moderations")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.input[0]", containing("pipe bomb")))
                .willReturn(okJson(Moderation.reply(Map.of("illicit", 0.91, "illicit/violent", 0.97)))));
        server.stubFor(post(urlEqualTo("/broken/v1/moderations"))
                .willReturn(aResponse().withStatus(503).withBody("{\"error\":\"overloaded\"}")));
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    private static OpenAiModerationConfig config(String path) {
        return OpenAiModerationConfig.parse(Map.of("type", "openai_moderation",
                "base_url", "http://127.0.0.1:" + server.port() + path), "classifiers.remote[0]");
    }

    @Override
    protected Classifier create() {
        return config("/v1").classifierFor(TAXONOMY);
    }

    @Override
    protected Classifier broken() {
        return config("/broken/v1").classifierFor(TAXONOMY);
    }
}
