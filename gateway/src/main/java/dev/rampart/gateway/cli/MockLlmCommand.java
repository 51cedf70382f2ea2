package dev.rampart.gateway.cli;

import dev.rampart.gateway.demo.MockLlm;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rampart mock-llm}: the demo's mock upstream alone, for benchmarks and manual tests. */
@Command(name = "mock-llm", mixinStandardHelpOptions = true,
        description = "Run only the built-in mock OpenAI-compatible LLM (for benchmarks).")
public final class MockLlmCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "0")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (0.0.0.0 in a container, so the gateway's container can reach it).")
    String host;

    @Option(names = "--token-delay-ms", defaultValue = "0")
    long tokenDelayMs;

    @Override
    public Integer call() throws InterruptedException {
        Vertx vertx = Launcher.newVertx();
        HttpServer server = new MockLlm(tokenDelayMs).start(vertx, host, port).await();
        System.out.println("listening mock=" + server.actualPort());
        System.out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            vertx.close();
            stop.countDown();
        }));
        stop.await();
        return 0;
    }
}
