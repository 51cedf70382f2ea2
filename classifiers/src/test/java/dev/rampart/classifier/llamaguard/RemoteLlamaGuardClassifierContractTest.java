package dev.rampart.classifier.llamaguard;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.rampart.classifier.llamaguard.LlamaGuardFixtures.fixture;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.ClassifierContract;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The classifier contract against WireMock replaying vLLM's answers: unsafe S9 when the prompt holds the unsafe text. */
class RemoteLlamaGuardClassifierContractTest extends ClassifierContract {
    private static WireMockServer server;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlEqualTo("/v1/completions")).atPriority(5)
                .willReturn(okJson(fixture("completions-safe.json"))));
        server.stubFor(post(urlEqualTo("/v1/completions")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.prompt", containing("pipe bomb")))
                .willReturn(okJson(fixture("completions-unsafe-s9.json"))));
        server.stubFor(post(urlEqualTo("/broken/v1/completions"))
                .willReturn(aResponse().withStatus(503).withBody("{\"error\":\"overloaded\"}")));
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    private static LlamaGuardConfig.Builder config(String path) {
        return LlamaGuardConfig.builder(URI.create("http://127.0.0.1:" + server.port() + path), "meta-llama/Llama-Guard-3-8B");
    }

    @Override
    protected Classifier create() {
        return new RemoteLlamaGuardClassifier(config("/v1").build(), TAXONOMY);
    }

    @Override
    protected Classifier broken() {
        return new RemoteLlamaGuardClassifier(config("/broken/v1").build(), TAXONOMY);
    }
}
