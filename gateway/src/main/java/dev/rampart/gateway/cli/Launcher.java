package dev.rampart.gateway.cli;

import dev.rampart.gateway.config.GatewayConfig;
import dev.rampart.gateway.server.Gateway;
import dev.rampart.gateway.server.GatewayParts;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/** Starts a gateway in this process, prints its ports, and runs it until the JVM is asked to stop. */
final class Launcher {
    private static final long SHUTDOWN_GRACE_MS = 20_000;

    private Launcher() {
    }

    static Vertx newVertx() {
        return dev.rampart.gateway.tracing.Tracing.vertx(new VertxOptions().setPreferNativeTransport(true), System::getenv);
    }

    static int runUntilStopped(GatewayConfig config, Vertx existing) {
        return runUntilStopped(config, existing, g -> { });
    }

    static int runUntilStopped(GatewayConfig config, Vertx existing, Consumer<Gateway> onStarted) {
        Vertx vertx = existing != null ? existing : newVertx();
        Gateway gateway;
        try {
            gateway = Gateway.start(vertx, config, GatewayParts.create(vertx, config)).await();
        } catch (Gateway.StartupException e) {
            System.err.println("rampart: " + e.getMessage() + ":");
            e.problems().forEach(p -> System.err.println("  " + p));
            vertx.close();
            return 2;
        } catch (RuntimeException e) {
            System.err.println("rampart: could not start: " + e.getMessage());
            vertx.close();
            return 1;
        }
        System.out.println("listening public=" + gateway.publicPort());
        System.out.println("listening admin=" + gateway.adminPort());
        System.out.flush();
        onStarted.accept(gateway);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                gateway.shutdown(SHUTDOWN_GRACE_MS).toCompletionStage().toCompletableFuture().join();
                vertx.close().toCompletionStage().toCompletableFuture().join();
            } catch (RuntimeException ignored) {
                // stopping anyway
            }
            stopped.countDown();
        }, "rampart-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
