package dev.rampart.gateway.dashboard;

import dev.rampart.gateway.metrics.GatewayMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;

/** Mounts {@code /dashboard} (the page) and {@code /dashboard/events} (a snapshot every second, as SSE). */
public final class DashboardRoutes {
    private static final Buffer PAGE = page();

    private DashboardRoutes() {
    }

    private static Buffer page() {
        try (InputStream in = DashboardRoutes.class.getResourceAsStream("/rampart/dashboard/index.html")) {
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the dashboard page is missing from the jar", e);
        }
    }

    public static void mount(Vertx vertx, Router router, DashboardState state, GatewayMetrics metrics, Clock clock) {
        vertx.setPeriodic(1000, id -> state.tick(clock.instant().toString()));
        metrics.onPolicyReload((accepted, revision) -> state.policyReload(clock.instant().toString(), accepted, revision));
        router.get("/dashboard").handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .putHeader("content-security-policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                        + "style-src 'self' 'unsafe-inline'; connect-src 'self'")
                .end(PAGE));
        router.get("/dashboard/events").handler(ctx -> {
            HttpServerResponse res = ctx.response().setChunked(true)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
            Runnable send = () -> res.write("data: " + state.snapshot(metrics.activeRevision()) + "\n\n");
            send.run();
            long timer = vertx.setPeriodic(1000, id -> {
                if (!res.closed() && !res.writeQueueFull()) {
                    send.run();
                }
            });
            res.closeHandler(v -> vertx.cancelTimer(timer));
        });
    }
}
