package dev.rampart.tests;

import dev.rampart.gateway.config.ConfigLoader;
import dev.rampart.gateway.server.Gateway;
import dev.rampart.gateway.server.GatewayParts;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real gateway on loopback ports chosen by the OS, configured from YAML, plus a small HTTP client for tests. */
final class GatewayHarness implements AutoCloseable {
    final Vertx vertx;
    final Gateway gateway;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private GatewayHarness(Vertx vertx, Gateway gateway) {
        this.vertx = vertx;
        this.gateway = gateway;
    }

    /**
     * Starts a gateway and waits until {@code /readyz} says ready; {@code yaml} may omit server ports (0 is forced for
     * both). Unless the yaml says {@code embedded:}, the embedded model is off, so tests about the gateway's mechanics
     * see only the policy's deterministic patterns.
     */
    static GatewayHarness start(String yaml) {
        GatewayHarness harness = startUnready(withEmbeddedDefault(yaml));
        harness.awaitReady();
        return harness;
    }

    static String withEmbeddedDefault(String yaml) {
        if (yaml.contains("embedded:")) {
            return yaml;
        }
        if (yaml.startsWith("classifiers:\n") || yaml.contains("\nclassifiers:\n")) {
            return yaml.replaceFirst("(?m)^classifiers:\n", "classifiers:\n  embedded: false\n");
        }
        return yaml + (yaml.isEmpty() || yaml.endsWith("\n") ? "" : "\n") + "classifiers:\n  embedded: false\n";
    }

    /** Polls {@code /readyz} (every 50 ms, at most 60 s) until it answers 200. */
    void awaitReady() {
        Readiness.await(gateway.adminPort(), () -> true);
    }

    /** Starts a gateway with exactly this configuration and does not wait for readiness. */
    static GatewayHarness startUnready(String yaml) {
        return startUnready(yaml, Vertx.vertx());
    }

    /** As {@link #start(String)}, on {@code vertx} (e.g. one with a tracer); closing the harness closes it. */
    static GatewayHarness start(String yaml, Vertx vertx) {
        GatewayHarness harness = startUnready(withEmbeddedDefault(yaml), vertx);
        harness.awaitReady();
        return harness;
    }

    static GatewayHarness startUnready(String yaml, Vertx vertx) {
        String dataDir;
        try {
            dataDir = yaml.contains("data_dir:") ? null : java.nio.file.Files.createTempDirectory("rampart-test").toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ConfigLoader.Result result = ConfigLoader.parse("test.yaml", yaml,
                new ConfigLoader.Overrides(null, null, 0, 0, dataDir));
        if (!result.ok()) {
            throw new IllegalArgumentException(result.problems().toString());
        }
        Gateway gateway = Gateway.start(vertx, result.config(), GatewayParts.create(vertx, result.config())).await();
        return new GatewayHarness(vertx, gateway);
    }

    static String upstreamYaml(String name, String baseUrl, String models, String extra) {
        return "  - name: " + name + "\n    base_url: " + baseUrl + "\n    models: " + models + "\n" + extra;
    }

    String base() {
        return "http://127.0.0.1:" + gateway.publicPort();
    }

    String admin() {
        return "http://127.0.0.1:" + gateway.adminPort();
    }

    HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("content-type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String chat(String model, String content) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";
    }

    @Override
    public void close() {
        gateway.shutdown(0).await();
        vertx.close().await();
    }
}
