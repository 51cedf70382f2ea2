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
}
