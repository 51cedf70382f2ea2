package dev.rampart.gateway.server;

import dev.rampart.gateway.http.ApiFault;
import dev.rampart.gateway.http.ApiError;
import dev.rampart.gateway.http.ErrorBody;
import dev.rampart.gateway.metrics.GatewayMetrics;
import dev.rampart.gateway.policy.GuardState;
import dev.rampart.gateway.policy.PolicyRuntime;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The admin port (bound to 127.0.0.1 by default): liveness, readiness (policy and classifiers loaded), Prometheus
 * metrics, and the token-protected trust admin API. Never exposed on the public port.
 */
public final class AdminRoutes {
    private AdminRoutes() {
    }

    public static Router router(Vertx vertx, PolicyRuntime policies, GatewayMetrics metrics, Gateway.Parts parts,
                                String adminToken, dev.rampart.gateway.dashboard.DashboardState dashboard) {
        Router router = Router.router(vertx);
        dev.rampart.gateway.dashboard.DashboardRoutes.mount(vertx, router, dashboard, metrics, parts.clock());
        AdminTrustRoutes.mount(router, parts.trustService(), adminToken, parts.authorityBySubject());
        router.get("/healthz").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "ok")));
        router.get("/readyz").handler(ctx -> {
            GuardState state = policies.current();
            boolean ready = state != null && policies.ready();
            JsonObject body = new JsonObject()
                    .put("status", ready ? "ready" : "not_ready")
                    .put("policy_revision", state == null ? null : state.policy().revision())
                    .put("classifiers", state == null ? 0 : state.classifiers().size());
            json(ctx, ready ? 200 : 503, body);
        });
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.scrape()));
        router.route().last().handler(ctx -> ErrorBody.send(ctx.response(),
                ApiFault.of(ApiError.NOT_FOUND, "Unknown admin route.")));
        router.errorHandler(405, ctx -> ErrorBody.send(ctx.response().putHeader(HttpHeaders.ALLOW, "GET"),
                ApiFault.of(ApiError.METHOD_NOT_ALLOWED, "Method not allowed on this admin route.")));
        return router;
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(body.encode());
    }
}
