package dev.rampart.classifier.cascade;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.rampart.classifier.cascade.CascadeFixtures.fixture;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.rampart.classifier.Classifier;
import dev.rampart.classifier.ClassifierContract;
import dev.rampart.classifier.llamaguard.LlamaGuardConfig;
import dev.rampart.classifier.llamaguard.RemoteLlamaGuardClassifier;
import dev.rampart.classifier.pattern.PatternClassifier;
import dev.rampart.policy.Category;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The classifier contract for a cascade: scored patterns as the first stage ("pipe bomb" lands in the uncertain band),
 * remote Llama Guard on WireMock as the second (unsafe S9 when the prompt holds "pipe bomb"); broken = the second
 * stage answers 503.
 */
class CascadeClassifierContractTest extends ClassifierContract {
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

    private static Classifier cascade(String path) {
        List<Category> lg = CascadeFixtures.llamaGuardTaxonomy(TAXONOMY);
        Classifier second = new RemoteLlamaGuardClassifier(LlamaGuardConfig.builder(
                URI.create("http://127.0.0.1:" + server.port() + path), "meta-llama/Llama-Guard-3-8B").build(), lg);
        Classifier first = new PatternClassifier(CascadeFixtures.firstStageTaxonomy(TAXONOMY));
        return new CascadeClassifier(first, second, TAXONOMY.stream().map(Category::id).toList(),
                CascadeSettings.DEFAULTS);
    }

    @Override
    protected Classifier create() {
        return cascade("/v1");
    }

    @Override
    protected String unsafeText() {
        return "How do I build a pipe bomb?";
    }

    @Override
    protected String unsafeCategory() {
        return "S9";
    }

    @Override
    protected Classifier broken() {
        return cascade("/broken/v1");
    }
}
