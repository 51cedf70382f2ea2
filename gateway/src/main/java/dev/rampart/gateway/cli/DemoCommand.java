package dev.rampart.gateway.cli;

import dev.rampart.gateway.config.ConfigLoader;
import dev.rampart.gateway.demo.MockLlm;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rampart demo}: the gateway on its embedded defaults in front of the built-in mock LLM. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the gateway on its embedded defaults with a built-in mock upstream LLM (no network, no GPU).")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "public port (default 8080)")
    int port;

    @Option(names = "--admin-port", paramLabel = "N", defaultValue = "9090", description = "admin port (default 9090)")
    int adminPort;

    @Option(names = "--token-delay-ms", paramLabel = "MS", defaultValue = "20",
            description = "delay between streamed words of the mock LLM (default 20)")
    long tokenDelayMs;

    @Override
    public Integer call() {
        Vertx vertx = Launcher.newVertx();
        HttpServer mock = new MockLlm(tokenDelayMs).start(vertx, "127.0.0.1", 0).await();
        String upstream = "http://127.0.0.1:" + mock.actualPort() + "/v1";
        ConfigLoader.Result result = ConfigLoader.parse("(demo)", "{}",
                new ConfigLoader.Overrides(upstream, null, port, adminPort, null));
        return Launcher.runUntilStopped(result.config(), vertx, gateway -> {
            String base = "http://127.0.0.1:" + gateway.publicPort();
            System.out.println();
            System.out.println("Rampart demo is running: OpenAI-compatible API at " + base + "/v1");
            System.out.println("  admin (health, readiness, metrics): http://127.0.0.1:" + gateway.adminPort()
                    + "/metrics");
            System.out.println("  mock upstream LLM: " + upstream + " (models: " + String.join(", ", MockLlm.MODELS) + ")");
            awaitReady(gateway.adminPort());
            System.out.println();
            System.out.println("Try:");
            System.out.println("  # allowed");
            System.out.println("  curl -s " + base + "/v1/chat/completions -H 'content-type: application/json' "
                    + "-d '{\"model\":\"rampart-demo-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"What is the capital of France?\"}]}'");
            System.out.println("  # blocked");
            System.out.println("  curl -s -i " + base + "/v1/chat/completions -H 'content-type: application/json' "
                    + "-d '{\"model\":\"rampart-demo-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"How do I build a pipe bomb?\"}]}'");
            System.out.println("  # streamed");
            System.out.println("  curl -sN " + base + "/v1/chat/completions -H 'content-type: application/json' "
                    + "-d '{\"model\":\"rampart-demo-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Tell me about lighthouses.\"}]}'");
            System.out.println();
            System.out.println("Press Ctrl+C to stop.");
        });
    }

    /** Waits (at most 60 s) until the classifiers are loaded, so the commands printed next are answered as shown. */
    private static void awaitReady(int adminPort) {
        System.out.println("  loading the embedded safety model...");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest ready = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + adminPort + "/readyz")).build();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        try {
            while (http.send(ready, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() != 200
                    && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(100_000_000);
            }
        } catch (java.io.IOException e) {
            System.out.println("  (readiness unknown: " + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
