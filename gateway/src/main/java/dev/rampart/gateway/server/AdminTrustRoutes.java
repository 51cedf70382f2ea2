package dev.rampart.gateway.server;

import dev.rampart.gateway.http.ApiFault;
import dev.rampart.gateway.http.ApiError;
import dev.rampart.gateway.http.ErrorBody;
import dev.rampart.gateway.http.FaultTable;
import dev.rampart.trust.Subjects;
import dev.rampart.trust.TrustService;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token-protected trust admin API on the admin port:
 * {@code GET /admin/trust/{subject}} explains a subject's trust (authority part, history part, recent events) at both
 * levels: a principal ({@code key:clinic-app}) with its sub-subjects, or a sub-subject ({@code key:clinic-app/user:zed})
 * with its principal, the effective trust being the stricter of the two. With the store unreadable it answers the
 * degraded assessment (the strictest tier), not an error.
 * {@code PUT} sets or clears an authority override ({@code {"authority": 0.9, "reason": "…"}}, audited in the log) at
 * either level: a principal's override applies to all its users, a sub-subject's can only make that user stricter.
 * {@code DELETE} forgets the subject entirely, a principal with all its sub-subjects (right to erasure; other
 * replicas' caches are invalidated).
 * Without an admin token configured ({@code server.admin_token_env}) the API answers 403.
 */
final class AdminTrustRoutes {
    private static final Logger AUDIT = LoggerFactory.getLogger("rampart.audit");

    private AdminTrustRoutes() {
    }

    static void mount(Router router, TrustService trust, String token, Map<String, Map<String, String>> authority) {
        router.routeWithRegex("/admin/trust/(?<subject>[^?]+)").handler(ctx -> {
            if (!authorized(ctx, token)) {
                return;
            }
            if (trust == null) {
                fail(ctx, ApiFault.of(ApiError.TRUST_DISABLED,
                        "No credentials are configured: every caller is anonymous and no trust is kept."));
                return;
            }
            String subject = ctx.pathParam("subject");
            HttpMethod method = ctx.request().method();
            if (method == HttpMethod.GET) {
                Map<String, String> claimed = authority.getOrDefault(Subjects.principal(subject), Map.of());
                Future.fromCompletionStage(trust.explain(subject, claimed), ctx.vertx().getOrCreateContext())
                        .onSuccess(e -> json(ctx, 200, explanation(e)))
                        .onFailure(e -> fail(ctx, FaultTable.toFault(e)));
            } else if (method == HttpMethod.PUT) {
                ctx.request().body().onSuccess(body -> override(ctx, trust, subject, body.toString()));
            } else if (method == HttpMethod.DELETE) {
                Future.fromCompletionStage(trust.forget(subject), ctx.vertx().getOrCreateContext())
                        .onSuccess(v -> {
                            AUDIT.info("trust forget subject={}", subject);
                            ctx.response().setStatusCode(204).end();
                        })
                        .onFailure(e -> fail(ctx, FaultTable.toFault(e)));
            } else {
                ctx.response().putHeader(HttpHeaders.ALLOW, "GET, PUT, DELETE");
                fail(ctx, ApiFault.of(ApiError.METHOD_NOT_ALLOWED, "Use GET, PUT or DELETE."));
            }
        });
    }

    private static void override(RoutingContext ctx, TrustService trust, String subject, String body) {
        JsonObject request;
        try {
            request = new JsonObject(body);
        } catch (RuntimeException e) {
            fail(ctx, ApiFault.of(ApiError.INVALID_JSON, "The body must be a JSON object."));
            return;
        }
        Object value = request.getValue("authority");
        if (value != null && !(value instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1)) {
            fail(ctx, ApiFault.of(ApiError.INVALID_REQUEST, "authority", "'authority' must be a number between 0 and 1, or null."));
            return;
        }
        String reason = request.getString("reason", "");
        Double authority = value == null ? null : ((Number) value).doubleValue();
        Future.fromCompletionStage(trust.overrideAuthority(subject, authority), ctx.vertx().getOrCreateContext())
                .onSuccess(v -> {
                    AUDIT.info("trust override subject={} authority={} reason={}", subject, authority,
                            reason.replaceAll("[\\r\\n]", " "));
                    json(ctx, 200, new JsonObject().put("subject", subject).put("authority_override", authority));
                })
                .onFailure(e -> fail(ctx, FaultTable.toFault(e)));
    }

    /**
     * The effective assessment at the top; {@code history} and {@code recent} of the subject asked about; each level
     * in full under {@code principal} and {@code sub_subject}.
     */
    private static JsonObject explanation(TrustService.TrustExplanation e) {
        TrustService.Level own = e.sub() != null ? e.sub() : e.principal();
        JsonObject body = new JsonObject()
                .put("subject", e.subject())
                .put("score", e.assessment().score())
                .put("tier", e.assessment().tier())
                .put("authority", e.assessment().authority())
                .put("direct", e.assessment().direct())
                .put("degraded", e.assessment().degraded());
        if (own != null) {
            body.put("history", history(own)).put("recent", recent(own)).put("authority_override",
                    own.override().orElse(null));
        } else {
            body.put("history", null).put("recent", new JsonArray());
        }
        body.put("principal", e.principal() == null ? null : level(e.principal()));
        body.put("sub_subject", e.sub() == null ? null : level(e.sub()));
        body.put("sub_subjects", new JsonArray(e.subSubjects()));
        return body;
    }

    private static JsonObject level(TrustService.Level l) {
        return new JsonObject()
                .put("subject", l.subject())
                .put("score", l.assessment().score())
                .put("tier", l.assessment().tier())
                .put("authority", l.assessment().authority())
                .put("direct", l.assessment().direct())
                .put("authority_override", l.override().orElse(null))
                .put("history", history(l));
    }

    private static JsonObject history(TrustService.Level l) {
        return new JsonObject()
                .put("positive_evidence", l.evidence().positive())
                .put("negative_evidence", l.evidence().negative())
                .put("events", l.evidence().events())
                .put("violations", l.evidence().violations());
    }

    private static JsonArray recent(TrustService.Level l) {
        JsonArray recent = new JsonArray();
        l.recent().forEach(i -> recent.add(new JsonObject().put("event_id", i.eventId()).put("at", i.at().toString())
                .put("outcome", i.outcome().name().toLowerCase()).put("categories", new JsonArray(i.categories()))));
        return recent;
    }

    private static boolean authorized(RoutingContext ctx, String token) {
        if (token == null || token.isBlank()) {
            fail(ctx, ApiFault.of(ApiError.ADMIN_DISABLED,
                    "The admin API is disabled: set server.admin_token_env to an environment variable holding a token."));
            return false;
        }
        String presented = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        if (presented == null || !MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            fail(ctx, ApiFault.of(ApiError.INVALID_ADMIN_TOKEN));
            return false;
        }
        return true;
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
    }

    private static void fail(RoutingContext ctx, ApiFault fault) {
        ErrorBody.send(ctx.response(), fault);
    }
}
