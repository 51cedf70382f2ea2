package dev.rampart.tests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a gateway's {@code /readyz} (its classifiers loaded), polling every 50 ms for at most 60 s. */
final class Readiness {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Readiness() {
    }

    /** Returns once {@code /readyz} answers 200; fails when the deadline passes or the gateway is no longer running. */
    static void await(int adminPort, BooleanSupplier running) {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/readyz")).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try {
            while (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                if (System.nanoTime() > deadline || !running.getAsBoolean()) {
                    throw new IllegalStateException("the gateway did not become ready within 60 s");
                }
                LockSupport.parkNanos(50_000_000);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
